// The two-way thread of a case on the portal. The contact writes from the
// portal; staff read and answer from the case page and the profile. A new
// message tells the other side: staff through Client activity, the contact
// by their preferred channel through the outbox (carrying a fresh token to
// their live link for the case, minted when it is sent).
import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import type { MessageDoc } from '../../db/models/index';
import { liveLinkFor } from '../../db/portal/portal-links';
import { insertPortalNotice } from '../../db/portal/portal-notices';
import { insertPortalMessage } from '../../db/portal/portal-threads';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { PORTAL_TOKEN_SLOT } from '../../domain/portal/portal-token-slot';
import { config } from '../../config/config';
import { displayFormat } from '../../domain/text/display-format';
import { optedOutNumbersOf } from '../outbox/opted-out-numbers';
import { queueMessage } from '../outbox/queue-message';
import { portalUrl } from './share-portal-link';

export const PORTAL_MESSAGE_MAX_CHARS = 5_000;

export type PostResult = { ok: true; message: MessageDoc } | { ok: false; error: 'empty' | 'tooLong' | 'notFound' };

const cleanBody = (body: string) => body.replace(/\r\n/g, '\n').trim();

/** The contact writes to the case's staff. The case must be one of the session's: the caller passes the session's scope. */
export async function postClientMessage(o: { contactId: Types.ObjectId; caseId: Types.ObjectId; scope: Types.ObjectId[]; body: string; now?: Date }): Promise<PostResult> {
  const now = o.now ?? new Date();
  if (!o.scope.some((id) => id.equals(o.caseId))) return { ok: false, error: 'notFound' };
  const body = cleanBody(o.body);
  if (!body) return { ok: false, error: 'empty' };
  if (body.length > PORTAL_MESSAGE_MAX_CHARS) return { ok: false, error: 'tooLong' };
  const contact = await findContact(o.contactId);
  const kase = await findCase(o.caseId);
  if (!contact || !kase) return { ok: false, error: 'notFound' };
  const message = await insertPortalMessage({ contactId: o.contactId, caseId: o.caseId, direction: 'inbound', body, at: now });
  await insertPortalNotice({ kind: 'message', contactId: o.contactId, caseId: o.caseId, refId: message._id, summary: `${displayName(contact)} wrote on case ${kase.number}: “${body.slice(0, 120)}${body.length > 120 ? '…' : ''}”`, at: now });
  await audit({ id: o.contactId, name: `${displayName(contact)} (client, portal)` }, 'portal.message', { type: 'Case', id: o.caseId }, { messageId: String(message._id) });
  return { ok: true, message };
}

export type ReplyResult =
  | { ok: true; message: MessageDoc; notice?: { messageId: string; channel: 'email' | 'sms' }; noticeSkipped?: string }
  | { ok: false; error: string };

/** Staff answer on the case's thread; the contact is told if they have a live link for the case and a channel that is open. */
export async function replyToClient(o: { contactId: Types.ObjectId; caseId: Types.ObjectId; body: string; actor: Actor; publicUrl: string; now?: Date }): Promise<ReplyResult> {
  const now = o.now ?? new Date();
  const body = cleanBody(o.body);
  if (!body) return { ok: false, error: 'Write a message.' };
  if (body.length > PORTAL_MESSAGE_MAX_CHARS) return { ok: false, error: `A portal message can be at most ${PORTAL_MESSAGE_MAX_CHARS.toLocaleString('en-US')} characters.` };
  const contact = await findContact(o.contactId);
  const kase = await findCase(o.caseId);
  if (!contact || !kase || !kase.contacts.some((l) => l.contactId.equals(o.contactId))) return { ok: false, error: 'This contact is not on this case.' };
  const message = await insertPortalMessage({ contactId: o.contactId, caseId: o.caseId, direction: 'outbound', body, at: now, causedBy: { id: o.actor.id, name: o.actor.name } });
  await audit(o.actor, 'portal.reply', { type: 'Case', id: o.caseId }, { messageId: String(message._id), contactId: String(o.contactId) });

  const link = await liveLinkFor(o.contactId, o.caseId, now);
  if (!link) return { ok: true, message, noticeSkipped: 'The contact has no live portal link for this case, so they were not told. Share a link so they can read it.' };
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const channel = availability.preferred;
  if (!channel) return { ok: true, message, noticeSkipped: 'The contact cannot be emailed or texted, so they were not told.' };
  const fmt = displayFormat({ timeZone: contact.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
  const queued = await queueMessage({
    contactId: contact._id,
    caseId: o.caseId,
    channel,
    to: availability[channel].recipients[0]!.value,
    subject: `New message about case ${kase.number}`,
    body: channel === 'sms' ? `You have a new message about case ${kase.number}. Read it on your portal:` : `${o.actor.name} wrote to you about case ${kase.number}. Read and answer it on your portal.`,
    link: portalUrl(o.publicUrl, PORTAL_TOKEN_SLOT),
    linkExpires: fmt.time(link.expiresAt),
    purpose: 'portal-reply',
    actor: o.actor,
    portalLinkId: link._id,
  }, now);
  if (!queued.ok) return { ok: true, message, noticeSkipped: `The contact was not told: ${queued.errors.map((e) => e.message).join(' ')}` };
  return { ok: true, message, notice: { messageId: queued.messageId, channel } };
}

