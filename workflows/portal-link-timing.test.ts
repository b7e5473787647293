import { describe, expect, it } from 'vitest';
import { reminderBeforeExpiry } from './portal-link-timing';

const now = Date.parse('2026-12-02T12:00:00Z');
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('reminderBeforeExpiry', () => {
  it('reminds a day before a week-long link, a quarter of the life before a day-long one, never for an hour', () => {
    expect(iso(reminderBeforeExpiry(now, now + 7 * 86_400_000))).toBe('2026-12-08T12:00:00.000Z');
    expect(iso(reminderBeforeExpiry(now, now + 86_400_000))).toBe('2026-12-03T06:00:00.000Z');
    expect(reminderBeforeExpiry(now, now + 3_600_000)).toBeUndefined();
  });
});
