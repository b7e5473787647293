// PortalLinkWorkflow's steps: settle the link at its deadline (mark it
// expired if its stored expiry has passed, end its sessions when it is over)
// and remind the contact before expiry. Each is idempotent: a retry finds
// the link marked, the reminder queued under its fixed id.
import { ApplicationFailure } from '@temporalio/activity';
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import { findCase } from '../../db/cases/cases';
import { markPortalLinkExpiredIfDue, setReminderMessage } from '../../db/portal/portal-links';
import { endSessionsOfLink } from '../../db/portal/portal-sessions';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { portalLinkState } from '../../domain/portal/portal-link-state';
import { PORTAL_TOKEN_SLOT } from '../../domain/portal/portal-token-slot';
import { displayFormat } from '../../domain/text/display-format';
import type { ActivityDeps } from '../deps';
import { optedOutNumbersOf } from '../outbox/opted-out-numbers';
import { queueMessage } from '../outbox/queue-message';
import { openPortalItems } from './open-portal-items';
import { portalUrl } from './share-portal-link';

export type SettledLink = { state: 'active'; expiresAt: string } | { state: 'expired' | 'revoked' };

const toId = (id: string) => {
  if (!Types.ObjectId.isValid(id)) throw ApplicationFailure.nonRetryable(`Bad portal link id ${id}`, 'PortalLinkNotFound');
  return new Types.ObjectId(id);
};

export async function settlePortalLink(linkId: Types.ObjectId, now: Date): Promise<SettledLink> {
  const link = await markPortalLinkExpiredIfDue(linkId, now);
  if (!link) return { state: 'expired' }; // deleted: nothing left to guard
  const state = portalLinkState(link, now);
  if (state === 'active') return { state, expiresAt: link.expiresAt.toISOString() };
  const ended = await endSessionsOfLink(linkId, now);
  if (state === 'expired' && link.expiredAt && link.expiredAt.getTime() === now.getTime()) await audit(undefined, 'portal-link.expire', { type: 'PortalLink', id: linkId }, { sessionsEnded: ended });
  return { state };
}

/** The reminder before expiry, when the contact still has something open; its message id is the link's, so it is queued once. */
export async function remindBeforePortalExpiry(linkId: Types.ObjectId, o: { publicUrl: string; now: Date }): Promise<{ messageId?: string; channel?: 'email' | 'sms' }> {
  const link = await markPortalLinkExpiredIfDue(linkId, o.now);
  if (!link || portalLinkState(link, o.now) !== 'active') return {};
  if (link.reminderMessageId) return { messageId: String(link.reminderMessageId), channel: link.channel };
  const open = await openPortalItems(link.contactId, link.caseIds);
  if (open.unreadMessages === 0 && open.openTasks === 0) return {};
  const contact = await findContact(link.contactId);
  if (!contact) return {};
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  // The channel the link was sent by, if it is still open; else the other one.
  const channel = availability[link.channel].available ? link.channel : availability.preferred;
  if (!channel) return {};
  const kase = link.caseIds.length === 1 ? await findCase(link.caseIds[0]!) : null;
  const fmt = displayFormat({ timeZone: contact.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
  const what = [
    open.openTasks ? (open.openTasks === 1 ? '1 task to do' : `${open.openTasks} tasks to do`) : '',
    open.unreadMessages ? (open.unreadMessages === 1 ? '1 unread message' : `${open.unreadMessages} unread messages`) : '',
  ].filter(Boolean).join(' and ');
  const queued = await queueMessage({
    contactId: contact._id,
    caseId: kase?._id,
    channel,
    to: availability[channel].recipients.find((r) => r.value === link.to)?.value ?? availability[channel].recipients[0]!.value,
    subject: `Your ${config.FIRM_NAME} portal link expires soon`,
    body: `You have ${what}${kase ? ` about case ${kase.number}` : ''} on your portal, and your link expires ${fmt.time(link.expiresAt)}.`,
    link: portalUrl(o.publicUrl, PORTAL_TOKEN_SLOT),
    linkExpires: fmt.time(link.expiresAt),
    purpose: 'portal-reminder',
    portalLinkId: link._id,
    messageId: link._id,
  }, o.now);
  if (!queued.ok) return {};
  await setReminderMessage(link._id, new Types.ObjectId(queued.messageId));
  return { messageId: queued.messageId, channel };
}

export function createPortalLinkActivities(deps: ActivityDeps) {
  return {
    settlePortalLink: (linkId: string): Promise<SettledLink> => settlePortalLink(toId(linkId), deps.clock()),
    remindBeforePortalExpiry: (linkId: string) => remindBeforePortalExpiry(toId(linkId), { publicUrl: deps.outbox.publicUrl, now: deps.clock() }),
  };
}
