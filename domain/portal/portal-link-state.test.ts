import { describe, expect, it } from 'vitest';
import { portalLinkState } from './portal-link-state';

const now = new Date('2026-12-02T12:00:00Z');
const later = new Date('2026-12-03T12:00:00Z');

describe('portalLinkState', () => {
  it('is active until its expiry, expired at it, revoked whatever the time', () => {
    expect(portalLinkState({ expiresAt: later }, now)).toBe('active');
    expect(portalLinkState({ expiresAt: now }, now)).toBe('expired');
    expect(portalLinkState({ expiresAt: later, expiredAt: now }, now)).toBe('expired');
    expect(portalLinkState({ expiresAt: later, revokedAt: now }, now)).toBe('revoked');
    expect(portalLinkState({ expiresAt: new Date(0), revokedAt: now }, now)).toBe('revoked');
  });
});
