// Staff (and, later, portal links, bundles and reminders) put a message in
// the outbox here: checked at compose time so mistakes show on the form,
// rendered from its purpose's templates, recorded as queued in the contact's
// history. The caller then starts DeliverMessageWorkflow (temporal/deliver-message.ts).
import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import { insertOutboundMessage } from '../../db/outbox/outbound-messages';
import { findSmsNumber, noteSmsRecipient } from '../../db/outbox/sms-numbers';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import type { MessagePurpose } from '../../domain/outbox/message-purposes';
import { optedOutNumbersOf } from './opted-out-numbers';
import { renderEmail, renderSms } from './render-message';

export const SMS_MAX_CHARS = 1600; // Twilio's limit for one message (it splits it into segments)
export const EMAIL_MAX_CHARS = 20_000;
export const SUBJECT_MAX_CHARS = 200;

export type QueueMessageInput = {
  contactId: Types.ObjectId;
  caseId?: Types.ObjectId;
  channel: 'email' | 'sms';
  to: string;
  subject?: string;
  body: string;
  purpose: MessagePurpose;
  actor?: Actor;
  /** A link the message carries (a portal link), and when it stops working, in words. */
  link?: string;
  linkExpires?: string;
  /** An id fixed in advance: a retried workflow step queues the message once. */
  messageId?: Types.ObjectId;
  /** The portal link the message carries (its token is filled in when it is sent). */
  portalLinkId?: Types.ObjectId;
  /** A portal one-time code's session (its code is made when it is sent). */
  stepUpSessionId?: string;
};

export type FieldError = { field: string; message: string };
export type QueueMessageResult = { ok: true; messageId: string } | { ok: false; errors: FieldError[] };

export async function queueMessage(o: QueueMessageInput, now = new Date()): Promise<QueueMessageResult> {
  const contact = await findContact(o.contactId);
  if (!contact) return { ok: false, errors: [{ field: 'form', message: 'This contact no longer exists.' }] };
  if (contact.mergedInto) return { ok: false, errors: [{ field: 'form', message: 'This contact was merged into another; write from the merged contact.' }] };
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const channel = availability[o.channel];
  const errors: FieldError[] = [];
  if (!channel.available) errors.push({ field: 'channel', message: channel.reason! });
  else if (!channel.recipients.some((r) => r.value === o.to)) errors.push({ field: 'to', message: o.channel === 'sms' ? 'Choose one of the contact\'s numbers.' : 'Choose one of the contact\'s email addresses.' });
  const body = o.body.replace(/\r\n/g, '\n').trim();
  if (!body) errors.push({ field: 'body', message: 'Write a message.' });
  if (o.channel === 'sms' && body.length > SMS_MAX_CHARS) errors.push({ field: 'body', message: `A text can be at most ${SMS_MAX_CHARS.toLocaleString('en-US')} characters (this one is ${body.length.toLocaleString('en-US')}).` });
  if (o.channel === 'email' && body.length > EMAIL_MAX_CHARS) errors.push({ field: 'body', message: `An email can be at most ${EMAIL_MAX_CHARS.toLocaleString('en-US')} characters.` });
  const subject = o.subject?.trim() ?? '';
  if (o.channel === 'email' && !subject) errors.push({ field: 'subject', message: 'Give the email a subject.' });
  if (subject.length > SUBJECT_MAX_CHARS) errors.push({ field: 'subject', message: `A subject can be at most ${SUBJECT_MAX_CHARS} characters.` });
  if (errors.length) return { ok: false, errors };

  const vars = { firmName: config.FIRM_NAME, replyTo: config.EMAIL_REPLY_TO, message: body, subject, link: o.link, linkExpires: o.linkExpires };
  const rendered =
    o.channel === 'email'
      ? { subject, ...renderEmail(o.purpose, vars) }
      : { text: renderSms(o.purpose, { ...vars, firstText: !(await findSmsNumber(o.to)) }) };
  const id = await insertOutboundMessage({ contactId: contact._id, caseId: o.caseId, channel: o.channel, purpose: o.purpose, to: o.to, causedBy: o.actor, at: now, id: o.messageId, portalLinkId: o.portalLinkId, stepUpSessionId: o.stepUpSessionId, ...rendered });
  if (o.channel === 'sms') await noteSmsRecipient(o.to, contact._id, now);
  await audit(o.actor, 'message.queue', { type: 'Contact', id: contact._id }, { messageId: String(id), channel: o.channel, purpose: o.purpose });
  return { ok: true, messageId: String(id) };
}
