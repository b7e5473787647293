import { describe, expect, it } from 'vitest';
import { purgeCutoffs, sessionEnded, shouldTouch } from './session-expiry';

const limits = { idleMs: 60 * 60_000, absoluteMs: 12 * 3600_000 };
const login = new Date('2026-12-01T08:00:00Z');
const at = (minutes: number) => new Date(login.getTime() + minutes * 60_000);
const session = (o: { lastSeen?: number; revoked?: boolean } = {}) => ({ createdAt: login, lastSeenAt: o.lastSeen === undefined ? undefined : at(o.lastSeen), expiresAt: at(12 * 60), revokedAt: o.revoked ? at(1) : undefined });

describe('sessionEnded', () => {
  it('keeps a session open while it is used, up to the absolute end', () => {
    expect(sessionEnded(session({ lastSeen: 600 }), at(650), limits)).toBeUndefined();
    expect(sessionEnded(session({ lastSeen: 715 }), at(720), limits)).toBe('expired');
  });

  it('ends a session left idle for the idle limit, counting from login when it was never used since', () => {
    expect(sessionEnded(session({ lastSeen: 100 }), at(159), limits)).toBeUndefined();
    expect(sessionEnded(session({ lastSeen: 100 }), at(160), limits)).toBe('idle');
    expect(sessionEnded(session(), at(61), limits)).toBe('idle');
  });

  it('a revoked session stays ended whatever its times', () => {
    expect(sessionEnded(session({ lastSeen: 5, revoked: true }), at(6), limits)).toBe('revoked');
  });
});

describe('shouldTouch and purgeCutoffs', () => {
  it('moves lastSeenAt at most once a minute', () => {
    expect(shouldTouch(session({ lastSeen: 10 }), new Date(at(10).getTime() + 59_000))).toBe(false);
    expect(shouldTouch(session({ lastSeen: 10 }), at(11))).toBe(true);
  });

  it('purges what was last seen an idle limit ago and what passed its absolute end', () => {
    expect(purgeCutoffs(at(120), limits)).toEqual({ lastSeenBefore: at(60), expiredBefore: at(120) });
  });
});
