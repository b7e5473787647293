// Share Link: staff give a contact a portal link to some of their cases,
// sent through the outbox by SMS or email. The link record names the
// contact, the cases, who sent it, the channel and the expiry; the token
// goes into the provider's copy of the message and nowhere else (only its SHA-256 is kept). The
// caller then starts the link's PortalLinkWorkflow and the message's
// delivery (temporal/portal-link.ts, temporal/deliver-message.ts). The
// token is minted when the message goes out (activities/portal/mint-portal-token.ts).
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import type { CaseDoc, ContactDoc } from '../../db/models/index';
import { insertPortalLink, setPortalLinkMessage } from '../../db/portal/portal-links';
import { PORTAL_TOKEN_SLOT } from '../../domain/portal/portal-token-slot';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { PORTAL_LINK_LIFETIME_MS, type PortalLinkLifetime } from '../../domain/portal/portal-link-lifetimes';
import { displayFormat } from '../../domain/text/display-format';
import { optedOutNumbersOf } from '../outbox/opted-out-numbers';
import { queueMessage, type FieldError } from '../outbox/queue-message';

export type ShareLinkInput = {
  contactId: Types.ObjectId;
  caseIds: Types.ObjectId[];
  channel: 'sms' | 'email';
  to: string;
  lifetime: PortalLinkLifetime;
  actor: Actor;
  publicUrl: string;
  /** Tests shorten a link's life to see it expire; staff choose from PORTAL_LINK_LIFETIMES. */
  lifetimeMs?: number;
};
export type ShareLinkResult = { ok: true; linkId: string; messageId: string; expiresAt: Date } | { ok: false; errors: FieldError[] };

export const portalUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/portal/link/${token}`;

/** The message the contact gets, for the preview and the send alike (the preview shows a stand-in for the link). */
export function portalLinkMessage(o: { contact: ContactDoc; cases: CaseDoc[]; channel: 'sms' | 'email'; expiresAt: Date; link: string }) {
  const first = o.contact.firstName?.trim() || 'there';
  const what = o.cases.length === 1 ? `your case ${o.cases[0]!.number}` : 'your cases';
  const body = o.channel === 'sms'
    ? `Hi ${first}, see ${what}, send documents and messages on your portal:`
    : `Hello ${first},\n\n${config.FIRM_NAME} shared a secure portal with you. There you can see where ${what} stands, send us documents and messages, and check your appointments. No account or password is needed.`;
  const fmt = displayFormat({ timeZone: o.contact.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
  return { body, subject: `Your ${config.FIRM_NAME} portal`, link: o.link, linkExpires: fmt.time(o.expiresAt) };
}

/** The cases a link may open: the contact's own, by id; anything else is refused. */
export async function casesForLink(contact: ContactDoc, caseIds: Types.ObjectId[]): Promise<{ cases: CaseDoc[]; error?: string }> {
  const unique = [...new Map(caseIds.map((id) => [String(id), id])).values()];
  if (!unique.length) return { cases: [], error: 'Choose at least one case the link opens.' };
  const cases = (await Promise.all(unique.map((id) => findCase(id)))).filter((k): k is CaseDoc => Boolean(k));
  const own = cases.filter((k) => k.contacts.some((l) => String(l.contactId) === String(contact._id)));
  if (own.length !== unique.length) return { cases: own, error: 'A link can only open cases the contact is on.' };
  return { cases: own };
}

export async function sharePortalLink(o: ShareLinkInput, now = new Date()): Promise<ShareLinkResult> {
  const contact = await findContact(o.contactId);
  if (!contact || contact.mergedInto) return { ok: false, errors: [{ field: 'form', message: contact ? 'This contact was merged into another; share from the merged contact.' : 'This contact no longer exists.' }] };
  const { cases, error } = await casesForLink(contact, o.caseIds);
  if (error) return { ok: false, errors: [{ field: 'caseIds', message: error }] };
  // The channel is checked before anything is stored, so a refused send leaves no link behind.
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const channel = availability[o.channel];
  if (!channel.available) return { ok: false, errors: [{ field: 'channel', message: channel.reason! }] };
  if (!channel.recipients.some((r) => r.value === o.to)) return { ok: false, errors: [{ field: 'to', message: o.channel === 'sms' ? 'Choose one of the contact\'s numbers.' : 'Choose one of the contact\'s email addresses.' }] };

  const linkId = new Types.ObjectId();
  const expiresAt = new Date(now.getTime() + (o.lifetimeMs ?? PORTAL_LINK_LIFETIME_MS[o.lifetime]));
  await insertPortalLink({ _id: linkId, contactId: contact._id, caseIds: cases.map((k) => k._id), sentBy: { id: o.actor.id, name: o.actor.name }, channel: o.channel, to: o.to, createdAt: now, expiresAt });
  // The token is minted when the message is sent, and kept nowhere but in it (domain/portal/portal-token-slot.ts).
  const message = portalLinkMessage({ contact, cases, channel: o.channel, expiresAt, link: portalUrl(o.publicUrl, PORTAL_TOKEN_SLOT) });
  const queued = await queueMessage({ contactId: contact._id, caseId: cases.length === 1 ? cases[0]!._id : undefined, channel: o.channel, to: o.to, subject: message.subject, body: message.body, link: message.link, linkExpires: message.linkExpires, purpose: 'portal-link', actor: o.actor, portalLinkId: linkId }, now);
  if (!queued.ok) return queued;
  await setPortalLinkMessage(linkId, new Types.ObjectId(queued.messageId));
  await audit(o.actor, 'portal-link.share', { type: 'Contact', id: contact._id }, { linkId: String(linkId), caseIds: cases.map((k) => String(k._id)), channel: o.channel, expiresAt: expiresAt.toISOString() });
  return { ok: true, linkId: String(linkId), messageId: queued.messageId, expiresAt };
}
