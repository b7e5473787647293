// DeliverMessageWorkflow's first step: may this message go now, later (quiet
// hours), or never (the contact said no, the number replied STOP, the contact
// is gone)? Preferences are enforced here, once, for every caller.
import { Types } from 'mongoose';
import { findStaffUser } from '../../db/admin/staff-users';
import { findContact } from '../../db/contacts/contacts';
import { findMessage, moveMessageStatus, moveMessageToContact } from '../../db/outbox/outbound-messages';
import { findSmsNumber } from '../../db/outbox/sms-numbers';
import { dequeueForRecipient, enqueueForRecipient, queueKey } from '../../db/outbox/recipient-queues';
import { FINAL_STATUSES, type MessageStatus } from '../../domain/outbox/message-status';
import type { MessagePurpose } from '../../domain/outbox/message-purposes';
import { nextSendingTime } from '../../domain/outbox/quiet-hours';
import type { OutboxDeps } from './outbox-deps';

export type DeliveryPlan = { action: 'send' } | { action: 'hold'; until: string } | { action: 'stop'; status: MessageStatus; reason?: string };

const ALREADY_SENT: MessageStatus[] = ['accepted', 'sent', 'delivered'];
// A merge chain longer than this is a loop, not a history.
const MAX_MERGE_HOPS = 10;

export async function planDelivery(deps: OutboxDeps, messageId: string, now: Date): Promise<DeliveryPlan> {
  const message = await findMessage(messageId);
  if (!message) return { action: 'stop', status: 'failed', reason: 'The message record is gone.' };
  const status = message.status as MessageStatus;
  if (FINAL_STATUSES.includes(status) || ALREADY_SENT.includes(status)) return { action: 'stop', status, reason: message.statusReason ?? undefined };
  const channel = message.channel as 'email' | 'sms';
  await enqueueForRecipient(channel, message.to!, queueKey(message.at, message._id));

  const suppress = async (reason: string) => {
    await moveMessageStatus(message._id, 'suppressed', { at: now, reason });
    await dequeueForRecipient(channel, message.to!, queueKey(message.at, message._id));
    return { action: 'stop', status: 'suppressed', reason } as const;
  };
  // An intake form to someone who is not a contact yet: only an opt-out (STOP) or quiet hours in the firm's zone hold it.
  if (!message.contactId && message.intakeRequestId) {
    if (channel === 'sms') {
      const number = await findSmsNumber(message.to!);
      if (number?.optedOut) return suppress(`The number replied ${number.keyword ?? 'STOP'}: it has opted out of texts.`);
      const at = nextSendingTime({ now, timeZone: deps.firmTimezone, window: deps.smsWindow(message.purpose as MessagePurpose) });
      if (at.getTime() - now.getTime() > 60_000) {
        await moveMessageStatus(message._id, 'held', { at: now, detail: `until ${at.toISOString()} (${deps.firmTimezone})`, set: { holdUntil: at } });
        return { action: 'hold', until: at.toISOString() };
      }
    }
    return { action: 'send' };
  }
  // An email to a staff member (a bundle's link) has no contact preferences: only a disabled account stops it.
  if (!message.contactId) {
    const staff = message.staffUserId ? await findStaffUser(message.staffUserId as Types.ObjectId) : null;
    if (!staff || staff.disabledAt) return suppress('The staff account was removed or disabled before the email went out.');
    return { action: 'send' };
  }

  let contact = await findContact(message.contactId);
  for (let hops = 0; contact?.mergedInto && hops < MAX_MERGE_HOPS; hops++) contact = await findContact(contact.mergedInto as Types.ObjectId);
  if (!contact || contact.mergedInto) return suppress('The contact was deleted before the message went out.');
  if (!contact._id.equals(message.contactId)) await moveMessageToContact(message._id, message.contactId, contact._id, message.at);

  if (contact.preferences?.doNotContact?.[channel]) return suppress(channel === 'sms' ? 'The contact asked not to be texted.' : 'The contact asked not to be emailed.');
  const stillTheirs = channel === 'sms' ? (contact.phones ?? []).some((p) => p.e164 === message.to) : (contact.emails ?? []).some((e) => e.address.toLowerCase() === message.to);
  if (!stillTheirs) return suppress(channel === 'sms' ? 'The number was removed from the contact before the text went out.' : 'The address was removed from the contact before the email went out.');
  if (channel === 'sms') {
    const number = await findSmsNumber(message.to!);
    if (number?.optedOut) return suppress(`The number replied ${number.keyword ?? 'STOP'}: it has opted out of texts.`);
    // A one-time code the contact is waiting for on the portal goes at once: they asked for it, and it lasts minutes.
    if (message.purpose === 'portal-code') return { action: 'send' };
    const timeZone = contact.timezone || deps.firmTimezone;
    const state = !contact.address?.country || /^(US|USA)$/i.test(contact.address.country) ? contact.address?.region ?? undefined : undefined;
    const at = nextSendingTime({ now, timeZone, window: deps.smsWindow(message.purpose as MessagePurpose), state });
    // Within a minute of the window opening is close enough: a timer that short is not worth its history.
    if (at.getTime() - now.getTime() > 60_000) {
      const until = at.toISOString();
      await moveMessageStatus(message._id, 'held', { at: now, detail: `until ${until} (${timeZone}${state ? `, ${state}` : ''})`, set: { holdUntil: at } });
      return { action: 'hold', until };
    }
  }
  return { action: 'send' };
}
