import { describe, expect, it } from 'vitest';
import { guessTimezone, timezoneChoices, timezoneLabel } from './timezones';

describe('timezone choices', () => {
  const winter = new Date('2026-12-01T12:00:00Z');
  it('labels zones by city, with their name and today\'s offset', () => {
    expect(timezoneLabel('America/Chicago', winter)).toBe('Chicago — Central Time (GMT-6)');
    expect(timezoneLabel('America/New_York', winter)).toBe('New York — Eastern Time (GMT-5)');
    expect(timezoneLabel('UTC')).toBe('UTC — Coordinated Universal Time');
  });
  it('lists UTC first, then by city', () => {
    const list = timezoneChoices(winter);
    expect(list[0]!.id).toBe('UTC');
    const labels = list.slice(1).map((c) => c.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    expect(list.find((c) => c.id === 'Europe/London')!.label).toMatch(/^London — /);
  });
});

describe('guessTimezone', () => {
  it('takes a US state (code or name) from the address', () => {
    expect(guessTimezone({ region: 'CO', defaultCountry: 'US' })).toBe('America/Denver');
    expect(guessTimezone({ region: 'Illinois', country: 'USA', defaultCountry: 'US' })).toBe('America/Chicago');
  });
  it('takes the country, else the phone\'s country; a US number alone tells nothing', () => {
    expect(guessTimezone({ country: 'United Kingdom', defaultCountry: 'US' })).toBe('Europe/London');
    expect(guessTimezone({ phones: [{ e164: '+525512345678' }], defaultCountry: 'US' })).toBe('America/Mexico_City');
    expect(guessTimezone({ phones: [{ e164: '+13127508527' }], defaultCountry: 'US' })).toBeUndefined();
    expect(guessTimezone({ defaultCountry: 'US' })).toBeUndefined();
  });
});
