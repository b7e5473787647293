import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { config } from '../../config/config';
import { findStaffUser, type StaffRole } from '../../db/admin/staff-users';
import type { SessionDoc, StaffUserDoc } from '../../db/models/index';
import { deleteEndedSessions, findSession, insertSession, markSessionRevoked, touchSession } from '../../db/auth/sessions';
import { purgeCutoffs, sessionEnded, shouldTouch, type SessionLimits } from '../../domain/auth/session-expiry';

/** SESSION_IDLE_MINUTES since the last request, SESSION_MAX_HOURS since login, whichever comes first. */
export const SESSION_LIMITS: SessionLimits = { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_MAX_HOURS * 3600_000 };

/** The staff member a request is made by. */
export type SignedInStaff = { id: Types.ObjectId; name: string; email: string; role: StaffRole; timezone?: string };
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

// Enabled staff users as read in the last few seconds, so a request costs
// one look-up (its session), not two in a row (measured under the load bench
// as a tenth of a list request). Safe because disabling a user also revokes
// their sessions, which are read fresh on every request; a disabled user is
// never kept, so re-enabling works at once; and a user's role never changes
// (a feature that changes it must revoke their sessions too).
const USER_CACHE_MS = 10_000;
const userCache = new Map<string, { user: StaffUserDoc; until: number }>();

async function signedInUser(id: Types.ObjectId, now: Date): Promise<StaffUserDoc | null> {
  const hit = userCache.get(String(id));
  if (hit && hit.until > now.getTime()) return hit.user;
  return readFreshUser(id, now);
}

async function readFreshUser(id: Types.ObjectId, now: Date): Promise<StaffUserDoc | null> {
  const user = await findStaffUser(id);
  if (userCache.size > 1_000) userCache.clear();
  if (user && !user.disabledAt) userCache.set(String(id), { user, until: now.getTime() + USER_CACHE_MS });
  else userCache.delete(String(id));
  return user;
}

// Sessions resolved in the last few seconds, by token hash. Under the load
// bench the session's look-up was half of a list request's time (p95 52 ms
// of 92): FerretDB queues it behind the import's writes. Revoking through
// this process (logout, disabling a user, a password reset) forgets the
// entry at once; another web server on the same database notices a
// revocation within SESSION_CACHE_MS. A young session is kept only with
// its user read fresh (see resolveSession), and expiry is checked on every
// request against the cached times.
const SESSION_CACHE_MS = 5_000;
const sessionCache = new Map<string, { session: SessionDoc; user: StaffUserDoc; until: number }>();
// Moved by every revocation here: a look-up that began before one does not cache what it read.
let revocations = 0;

/**
 * The session a cookie token opens, with its staff member; undefined when it
 * is unknown, revoked, past its absolute end, idle too long, or its user is
 * disabled. A session in use has its lastSeenAt moved (once a minute).
 */
export async function resolveSession(token: string | undefined, now = new Date()): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const tokenHash = hashToken(token);
  const cached = sessionCache.get(tokenHash);
  const hit = cached && cached.until > now.getTime() ? cached : undefined;
  const revocationsBefore = revocations;
  const session = hit?.session ?? (await findSession(tokenHash));
  if (!session || sessionEnded(session, now, SESSION_LIMITS)) {
    sessionCache.delete(tokenHash);
    return undefined;
  }
  // A session younger than the cache is checked against a fresh read: one opened just as its user was disabled
  // (after the revoke) must not ride on the cached, enabled user.
  const young = !session.createdAt || now.getTime() - new Date(session.createdAt).getTime() < USER_CACHE_MS;
  const user = hit?.user ?? (young ? await readFreshUser(session.userId, now) : await signedInUser(session.userId, now));
  if (!user || user.disabledAt) return undefined;
  if (shouldTouch(session, now)) {
    await touchSession(session._id, now);
    session.lastSeenAt = now;
  }
  // A young session is kept too: its user was just read fresh.
  if (!hit && revocations === revocationsBefore) {
    if (sessionCache.size > 10_000) sessionCache.clear();
    sessionCache.set(tokenHash, { session, user, until: now.getTime() + SESSION_CACHE_MS });
  }
  return {
    sessionId: session._id,
    csrfToken: session.csrfToken,
    user: { id: user._id, name: user.name, email: user.email, role: user.role, timezone: user.timezone ?? undefined },
  };
}

export async function revokeSession(sessionId: string): Promise<void> {
  revocations++;
  sessionCache.delete(sessionId);
  await markSessionRevoked(sessionId);
  sessionCache.delete(sessionId);
}

/** Forgets this process's cached sessions of a user whose sessions were just revoked (disabled, password reset) or whose settings changed. */
export function forgetSessionsOfUser(userId: Types.ObjectId): void {
  revocations++;
  userCache.delete(String(userId));
  for (const [key, entry] of sessionCache) if (entry.session.userId.equals(userId)) sessionCache.delete(key);
}

/** Deletes every session that can no longer open anything (PurgeEndedSessionsWorkflow, hourly). */
export async function purgeEndedSessions(now = new Date()): Promise<{ deleted: number }> {
  return { deleted: await deleteEndedSessions(purgeCutoffs(now, SESSION_LIMITS)) };
}
