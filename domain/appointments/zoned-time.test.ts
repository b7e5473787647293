import { describe, expect, it } from 'vitest';
import { zonedTimeToInstant } from './zoned-time';

describe('zonedTimeToInstant', () => {
  it('reads wall time in a zone, in and out of daylight saving time', () => {
    expect(zonedTimeToInstant('2026-12-10', '15:00', 'America/Chicago')?.toISOString()).toBe('2026-12-10T21:00:00.000Z');
    expect(zonedTimeToInstant('2026-07-10', '15:00', 'America/Chicago')?.toISOString()).toBe('2026-07-10T20:00:00.000Z');
    expect(zonedTimeToInstant('2026-07-10', '09:30', 'UTC')?.toISOString()).toBe('2026-07-10T09:30:00.000Z');
  });
  it('refuses what is not a date, a time or a zone', () => {
    expect(zonedTimeToInstant('10/12/2026', '15:00', 'UTC')).toBeUndefined();
    expect(zonedTimeToInstant('2026-12-10', '3pm', 'UTC')).toBeUndefined();
    expect(zonedTimeToInstant('2026-12-10', '15:00', 'Mars/Olympus')).toBeUndefined();
  });
});
