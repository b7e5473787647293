/** How long a staff session lasts: since its last request (idle) and since login (absolute). */
export type SessionLimits = { idleMs: number; absoluteMs: number };

export type SessionTimes = { createdAt?: Date | null; lastSeenAt?: Date | null; expiresAt: Date; revokedAt?: Date | null };

/**
 * Why a session no longer opens the dashboard, or undefined while it does.
 * The absolute end is fixed at login (expiresAt); the idle end moves with
 * every request. Sessions from before idle tracking count from their login.
 */
export function sessionEnded(s: SessionTimes, now: Date, limits: SessionLimits): 'revoked' | 'expired' | 'idle' | undefined {
  if (s.revokedAt) return 'revoked';
  if (s.expiresAt.getTime() <= now.getTime()) return 'expired';
  const lastSeen = s.lastSeenAt ?? s.createdAt;
  if (lastSeen && now.getTime() - lastSeen.getTime() >= limits.idleMs) return 'idle';
  return undefined;
}

// Writing lastSeenAt on every request would double the database work of a page view; a minute's precision is plenty.
export const LAST_SEEN_PRECISION_MS = 60_000;

/** Whether a request now should move the session's lastSeenAt. */
export function shouldTouch(s: SessionTimes, now: Date): boolean {
  const lastSeen = s.lastSeenAt ?? s.createdAt;
  return !lastSeen || now.getTime() - lastSeen.getTime() >= LAST_SEEN_PRECISION_MS;
}

/** The oldest lastSeenAt (and expiresAt) a session may have and still be worth keeping, for the purge. */
export function purgeCutoffs(now: Date, limits: SessionLimits): { lastSeenBefore: Date; expiredBefore: Date } {
  return { lastSeenBefore: new Date(now.getTime() - limits.idleMs), expiredBefore: now };
}
