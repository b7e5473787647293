import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { Session, StaffUser } from '../../db/models/index';
import type { CurrentUser } from '../../web/env';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(userId: Types.ObjectId, userAgent: string | undefined) {
  const token = randomBytes(32).toString('base64url');
  await Session.create({
    _id: hashToken(token),
    userId,
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    userAgent: userAgent?.slice(0, 300),
  });
  return token;
}

export type ResolvedSession = { sessionId: string; csrfToken: string; user: CurrentUser };

export async function resolveSession(token: string | undefined): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const session = await Session.findOne({ _id: hashToken(token) }).lean();
  if (!session || session.revokedAt || session.expiresAt < new Date()) return undefined;
  const user = await StaffUser.findById(session.userId).lean();
  if (!user || user.disabledAt) return undefined;
  return {
    sessionId: session._id,
    csrfToken: session.csrfToken,
    user: { id: user._id, name: user.name, email: user.email, role: user.role as CurrentUser['role'] },
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await Session.updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } });
}

/** Expired and revoked sessions are removed by this sweep (no TTL indexes on FerretDB). */
export async function deleteStaleSessions(): Promise<number> {
  const cutoff = new Date(Date.now() - 24 * 3600 * 1000);
  const r = await Session.deleteMany({ $or: [{ expiresAt: { $lt: new Date() } }, { revokedAt: { $lt: cutoff } }] });
  return r.deletedCount;
}
