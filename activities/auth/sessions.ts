import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { config } from '../../config/config';
import { findStaffUser, type StaffRole } from '../../db/admin/staff-users';
import { deleteEndedSessions, findSession, insertSession, markSessionRevoked, touchSession } from '../../db/auth/sessions';
import { purgeCutoffs, sessionEnded, shouldTouch, type SessionLimits } from '../../domain/auth/session-expiry';

/** SESSION_IDLE_MINUTES since the last request, SESSION_MAX_HOURS since login, whichever comes first. */
export const SESSION_LIMITS: SessionLimits = { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_MAX_HOURS * 3600_000 };

/** The staff member a request is made by. */
export type SignedInStaff = { id: Types.ObjectId; name: string; email: string; role: StaffRole };
export type ResolvedSession = { sessionId: string; csrfToken: string; user: SignedInStaff };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session for a staff user: a random cookie token (only its SHA-256 is stored) and the session's CSRF token. */
export async function createSession(userId: Types.ObjectId, userAgent: string | undefined, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession({
    _id: hashToken(token),
    userId,
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt: new Date(now.getTime() + SESSION_LIMITS.absoluteMs),
    lastSeenAt: now,
    userAgent: userAgent?.slice(0, 300),
  });
  return token;
}

/**
 * The session a cookie token opens, with its staff member; undefined when it
 * is unknown, revoked, past its absolute end, idle too long, or its user is
 * disabled. A session in use has its lastSeenAt moved (once a minute).
 */
export async function resolveSession(token: string | undefined, now = new Date()): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const session = await findSession(hashToken(token));
  if (!session || sessionEnded(session, now, SESSION_LIMITS)) return undefined;
  const user = await findStaffUser(session.userId);
  if (!user || user.disabledAt) return undefined;
  if (shouldTouch(session, now)) await touchSession(session._id, now);
  return {
    sessionId: session._id,
    csrfToken: session.csrfToken,
    user: { id: user._id, name: user.name, email: user.email, role: user.role },
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await markSessionRevoked(sessionId);
}

/** Deletes every session that can no longer open anything (PurgeEndedSessionsWorkflow, hourly). */
export async function purgeEndedSessions(now = new Date()): Promise<{ deleted: number }> {
  return { deleted: await deleteEndedSessions(purgeCutoffs(now, SESSION_LIMITS)) };
}
