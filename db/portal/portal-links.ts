// Portal links and the tokens that open them. A token is stored only as its
// SHA-256 (the _id of its row) and looked up by it, then the link is checked
// for scope, expiry and revocation in one place (activities/portal/
// open-portal-link.ts), as documenso's get-recipient-by-token does.
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { portalLinkCollection, portalLinkTokenCollection, type PortalLinkDoc } from '../models/index';

/** 256 bits from the CSPRNG, URL-safe (43 characters). */
export const newPortalToken = () => randomBytes(32).toString('base64url');
export const hashPortalToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
/** Whether a string could be one of our tokens at all; anything else is not even looked up. */
export const looksLikePortalToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export type NewPortalLink = Pick<PortalLinkDoc, '_id' | 'contactId' | 'caseIds' | 'sentBy' | 'channel' | 'to' | 'createdAt' | 'expiresAt'>;

export async function insertPortalLink(link: NewPortalLink): Promise<void> {
  await portalLinkCollection.insertOne({ ...link, extensions: [], opens: 0 });
}

/** One more token for a link (each message that carries the link has its own). */
export async function insertPortalToken(token: string, linkId: Types.ObjectId, now: Date): Promise<void> {
  await portalLinkTokenCollection.insertOne({ _id: hashPortalToken(token), linkId, createdAt: now });
}

export async function findPortalLink(id: Types.ObjectId): Promise<PortalLinkDoc | null> {
  return portalLinkCollection.findOne({ _id: id });
}

/**
 * The link a token opens, or null. Every token costs the same two look-ups,
 * known or not, well-formed or not: how long the answer takes says nothing
 * about whether a token exists.
 */
export async function findPortalLinkByToken(token: string): Promise<PortalLinkDoc | null> {
  const row = await portalLinkTokenCollection.findOne({ _id: hashPortalToken(token.slice(0, 200)) });
  const link = await findPortalLink(row?.linkId ?? NO_LINK);
  return row ? link : null;
}
const NO_LINK = new Types.ObjectId('000000000000000000000000');

export async function setPortalLinkMessage(id: Types.ObjectId, messageId: Types.ObjectId): Promise<void> {
  await portalLinkCollection.updateOne({ _id: id }, { $set: { messageId } });
}

/** A Continue: the link was used (first use kept, last use and device moved, opens counted). */
export async function markPortalLinkUsed(id: Types.ObjectId, at: Date, device: string): Promise<void> {
  await portalLinkCollection.updateOne({ _id: id, firstUsedAt: null }, { $set: { firstUsedAt: at } });
  await portalLinkCollection.updateOne({ _id: id }, { $set: { lastUsedAt: at, lastDevice: device }, $inc: { opens: 1 } });
}

/** Revokes a link once; false when it was revoked already. */
export async function markPortalLinkRevoked(id: Types.ObjectId, by: { id: Types.ObjectId; name: string }, at: Date): Promise<boolean> {
  const r = await portalLinkCollection.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at, revokedBy: by } });
  return r.modifiedCount === 1;
}

/** Moves a live link's expiry; false when it is revoked or expired (an extension cannot revive a dead link). */
export async function movePortalLinkExpiry(id: Types.ObjectId, from: Date, to: Date, by: string, at: Date): Promise<boolean> {
  const r = await portalLinkCollection.updateOne(
    { _id: id, revokedAt: null, expiredAt: null, expiresAt: from },
    { $set: { expiresAt: to }, $push: { extensions: { at, by, from, to } } },
  );
  return r.modifiedCount === 1;
}

/** The workflow's deadline: marks the link expired if its stored expiry has passed (an extension may have moved it). */
export async function markPortalLinkExpiredIfDue(id: Types.ObjectId, now: Date): Promise<PortalLinkDoc | null> {
  await portalLinkCollection.updateOne({ _id: id, expiredAt: null, revokedAt: null, expiresAt: { $lte: now } }, { $set: { expiredAt: now } });
  return findPortalLink(id);
}

export async function markNewLinkAsked(id: Types.ObjectId, at: Date): Promise<boolean> {
  const r = await portalLinkCollection.updateOne({ _id: id, newLinkAskedAt: null }, { $set: { newLinkAskedAt: at } });
  return r.modifiedCount === 1;
}

export async function setReminderMessage(id: Types.ObjectId, messageId: Types.ObjectId): Promise<void> {
  await portalLinkCollection.updateOne({ _id: id }, { $set: { reminderMessageId: messageId } });
}

/** A contact's links, newest first (staff's list on the profile). */
export async function portalLinksOfContact(contactId: Types.ObjectId, limit = 20): Promise<PortalLinkDoc[]> {
  return portalLinkCollection.find({ contactId }).sort({ createdAt: -1 }).limit(limit).toArray();
}

/** The links that open a case, newest first (staff's list on the case page). */
export async function portalLinksOfCase(caseId: Types.ObjectId, limit = 50): Promise<PortalLinkDoc[]> {
  return portalLinkCollection.find({ caseIds: caseId }).sort({ createdAt: -1 }).limit(limit).toArray();
}

/** The newest live link of a contact that opens a case: a notice of a staff reply carries a new token to it. */
export async function liveLinkFor(contactId: Types.ObjectId, caseId: Types.ObjectId, now: Date): Promise<PortalLinkDoc | null> {
  return portalLinkCollection.findOne({ contactId, caseIds: caseId, revokedAt: null, expiredAt: null, expiresAt: { $gt: now } }, { sort: { expiresAt: -1 } });
}
