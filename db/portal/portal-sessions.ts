// Portal sessions: the cookie's token is stored as its SHA-256 (the _id),
// like staff sessions (db/auth/sessions.ts), and looked up by _id.
import type { Types } from 'mongoose';
import { portalSessionCollection, type PortalSessionDoc, type StepUpCodeState } from '../models/index';

export async function insertPortalSession(s: Omit<PortalSessionDoc, 'endedAt' | 'stepUpAt' | 'stepUpFailures'>): Promise<void> {
  await portalSessionCollection.insertOne({ ...s, stepUpFailures: 0 });
}

export async function findPortalSession(tokenHash: string): Promise<PortalSessionDoc | null> {
  return portalSessionCollection.findOne({ _id: tokenHash });
}

export async function touchPortalSession(tokenHash: string, at: Date): Promise<void> {
  await portalSessionCollection.updateOne({ _id: tokenHash }, { $set: { lastSeenAt: at } });
}

export async function endPortalSession(tokenHash: string, at: Date): Promise<void> {
  await portalSessionCollection.updateOne({ _id: tokenHash, endedAt: null }, { $set: { endedAt: at } });
}

/** Ends every session made from a link (it expired or was revoked); returns how many were open. */
export async function endSessionsOfLink(linkId: Types.ObjectId, at: Date): Promise<number> {
  const r = await portalSessionCollection.updateMany({ linkId, endedAt: null }, { $set: { endedAt: at } });
  return r.modifiedCount;
}

/** A link's new expiry carries over to its open sessions (they never outlive it). */
export async function moveSessionsExpiry(linkId: Types.ObjectId, expiresAt: Date): Promise<void> {
  await portalSessionCollection.updateMany({ linkId, endedAt: null }, { $set: { expiresAt } });
}

export async function markStepUpPassed(tokenHash: string, at: Date): Promise<void> {
  await portalSessionCollection.updateOne({ _id: tokenHash }, { $set: { stepUpAt: at } });
}

/** Counts a wrong answer; returns the count so far. */
export async function countStepUpFailure(tokenHash: string): Promise<number> {
  const s = await portalSessionCollection.findOneAndUpdate({ _id: tokenHash }, { $inc: { stepUpFailures: 1 } }, { returnDocument: 'after' });
  return s?.stepUpFailures ?? 0;
}

/** Records that a one-time code was asked for (replacing an earlier one: only the newest works). */
export async function requestStepUpCode(tokenHash: string, state: Omit<StepUpCodeState, 'hashes'>): Promise<void> {
  await portalSessionCollection.updateOne({ _id: tokenHash }, { $set: { stepUpCode: state } });
}

/**
 * Stores the hash of a code a send attempt made for `messageId`, while that
 * code request is the session's newest, unexpired and the session open;
 * false otherwise (nothing is then sent). Up to three attempts' codes work.
 */
export async function addStepUpCodeHash(tokenHash: string, messageId: Types.ObjectId, hash: string, now: Date): Promise<boolean> {
  const r = await portalSessionCollection.updateOne(
    { _id: tokenHash, endedAt: null, 'stepUpCode.messageId': messageId, 'stepUpCode.expiresAt': { $gt: now } },
    { $push: { 'stepUpCode.hashes': { $each: [hash], $slice: -3 } } },
  );
  return r.matchedCount === 1;
}

export async function clearStepUpCode(tokenHash: string): Promise<void> {
  await portalSessionCollection.updateOne({ _id: tokenHash }, { $unset: { stepUpCode: '' } });
}
