import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { findStaffUser, type StaffRole } from '../../db/admin/staff-users';
import { findSession, insertSession, markSessionRevoked } from '../../db/auth/sessions';

export const SESSION_TTL_MS = 12 * 3600 * 1000;

/** The staff member a request is made by. */
export type SignedInStaff = { id: Types.ObjectId; name: string; email: string; role: StaffRole };
export type ResolvedSession = { sessionId: string; csrfToken: string; user: SignedInStaff };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session for a staff user: a random cookie token (only its SHA-256 is stored) and the session's CSRF token. */
export async function createSession(userId: Types.ObjectId, userAgent: string | undefined): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession({
    _id: hashToken(token),
    userId,
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    userAgent: userAgent?.slice(0, 300),
  });
  return token;
}

/** The session a cookie token opens, with its staff member; undefined when it is unknown, expired, revoked or the user is disabled. */
export async function resolveSession(token: string | undefined): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const session = await findSession(hashToken(token));
  if (!session || session.revokedAt || session.expiresAt < new Date()) return undefined;
  const user = await findStaffUser(session.userId);
  if (!user || user.disabledAt) return undefined;
  return {
    sessionId: session._id,
    csrfToken: session.csrfToken,
    user: { id: user._id, name: user.name, email: user.email, role: user.role },
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await markSessionRevoked(sessionId);
}
