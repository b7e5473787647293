import { describe, expect, it } from 'vitest';
import { fillTokenSlot, PORTAL_TOKEN_SLOT, sameTextBesidesToken } from './portal-token-slot';

describe('portal token slot', () => {
  const stored = `Open https://x.test/portal/link/${PORTAL_TOKEN_SLOT} now`;
  it('fills the slot with a token for the provider call', () => {
    expect(fillTokenSlot(stored, 'A'.repeat(43))).toBe(`Open https://x.test/portal/link/${'A'.repeat(43)} now`);
  });
  it('sees a text sent earlier with another token as the same text', () => {
    expect(sameTextBesidesToken(fillTokenSlot(stored, 'A'.repeat(43)), fillTokenSlot(stored, 'b'.repeat(43)))).toBe(true);
    expect(sameTextBesidesToken(fillTokenSlot(stored, 'A'.repeat(43)), 'Open something else')).toBe(false);
    const intake = `Fill it in: https://x.test/portal/intake/${PORTAL_TOKEN_SLOT}`;
    expect(sameTextBesidesToken(fillTokenSlot(intake, 'A'.repeat(43)), fillTokenSlot(intake, 'c'.repeat(43)))).toBe(true);
    expect(sameTextBesidesToken(fillTokenSlot(intake, 'A'.repeat(43)), fillTokenSlot(stored, 'A'.repeat(43)))).toBe(false);
  });
});
