import type { Types } from 'mongoose';
import { Session, type SessionDoc } from '../models/index';

// A session's _id is the SHA-256 of its cookie token (see activities/auth/sessions.ts):
// every request's look-up is by _id, which every engine serves from an index.

export async function insertSession(session: { _id: string; userId: Types.ObjectId; csrfToken: string; expiresAt: Date; lastSeenAt: Date; userAgent?: string }): Promise<void> {
  await Session.create(session);
}

export async function findSession(tokenHash: string): Promise<SessionDoc | null> {
  return Session.findOne({ _id: tokenHash }).lean<SessionDoc>();
}

export async function markSessionRevoked(tokenHash: string): Promise<void> {
  await Session.updateOne({ _id: tokenHash }, { $set: { revokedAt: new Date() } });
}

/** Revokes every open session of a staff user (disabled: out at once, on every device). */
export async function revokeSessionsOfUser(userId: Types.ObjectId, at: Date): Promise<number> {
  const r = await Session.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
  return r.modifiedCount;
}

export async function touchSession(tokenHash: string, at: Date): Promise<void> {
  await Session.updateOne({ _id: tokenHash }, { $set: { lastSeenAt: at } });
}

/** Removes sessions that can no longer open anything: revoked, past their absolute end, or idle too long. */
export async function deleteEndedSessions(o: { expiredBefore: Date; lastSeenBefore: Date }): Promise<number> {
  const r = await Session.deleteMany({
    $or: [
      { revokedAt: { $ne: null } },
      { expiresAt: { $lt: o.expiredBefore } },
      { lastSeenAt: { $lt: o.lastSeenBefore } },
      // From before lastSeenAt was kept: idle since login.
      { lastSeenAt: null, createdAt: { $lt: o.lastSeenBefore } },
    ],
  });
  return r.deletedCount;
}
