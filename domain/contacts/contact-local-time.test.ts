import { describe, expect, it } from 'vitest';
import { contactLocalTime, isValidTimezone } from './contact-local-time';

describe('contactLocalTime', () => {
  const wednesdayNoonUtc = new Date('2026-11-25T14:00:00Z'); // 09:00 in New York, 06:00 in Los Angeles
  it('says a time inside best hours is good', () => {
    expect(contactLocalTime('America/New_York', { start: '09:00', end: '17:00' }, wednesdayNoonUtc)).toMatchObject({ goodTimeToCall: true });
  });
  it('says early morning is not', () => {
    const r = contactLocalTime('America/Los_Angeles', undefined, wednesdayNoonUtc);
    expect(r).toMatchObject({ goodTimeToCall: false, reason: 'outside business hours (09:00–18:00)' });
    expect(r?.label).toContain('6:00');
  });
  it('ignores unknown zones', () => {
    expect(contactLocalTime('Mars/Olympus', undefined, wednesdayNoonUtc)).toBeUndefined();
    expect(isValidTimezone('Europe/Paris')).toBe(true);
    expect(isValidTimezone('Nowhere')).toBe(false);
  });
});
