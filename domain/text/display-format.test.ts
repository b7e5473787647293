import { describe, expect, it } from 'vitest';
import { displayFormat, humanSize } from './display-format';

describe('displayFormat', () => {
  const chicago = displayFormat({ timeZone: 'America/Chicago', region: 'US' });

  it('counts with the right noun', () => {
    expect(chicago.count(1, 'note')).toBe('1 note');
    expect(chicago.count(0, 'note')).toBe('0 notes');
    expect(chicago.count(2310, 'changed contact')).toBe('2,310 changed contacts');
    expect(chicago.count(1, 'match', 'matches')).toBe('1 match');
    expect(chicago.count(3, 'match', 'matches')).toBe('3 matches');
  });

  it('sizes files in bytes, KB and MB, never "0.00 MB"', () => {
    expect(humanSize(0)).toBe('0 bytes');
    expect(humanSize(1)).toBe('1 byte');
    expect(humanSize(930)).toBe('930 bytes');
    expect(humanSize(1536)).toBe('1.5 KB');
    expect(humanSize(12 * 1024 * 1024 + 5)).toBe('12 MB');
    expect(humanSize(3.4 * 1024 ** 3)).toBe('3.4 GB');
  });

  it('shows times in the reader\'s timezone with its name, and dates in one style', () => {
    const at = new Date('2026-12-01T12:22:00Z');
    expect(chicago.time(at)).toBe('Dec 1, 2026, 6:22 AM CST');
    expect(displayFormat({ timeZone: 'Europe/London', region: 'GB' }).time(at)).toBe('Dec 1, 2026, 12:22 PM GMT');
    expect(chicago.date(new Date('2026-12-01T03:00:00Z'))).toBe('Nov 30, 2026');
    // A birth date is a calendar date: no timezone moves it.
    expect(chicago.calendarDate('1961-03-07')).toBe('Mar 7, 1961');
  });

  it('says the date and zone once for a meeting within one day, and both in full across days', () => {
    expect(chicago.timeRange('2026-12-05T17:00:00Z', '2026-12-05T18:30:00Z')).toBe('Dec 5, 2026, 11:00 AM – 12:30 PM CST');
    expect(chicago.timeRange('2026-12-05T17:00:00Z', '2026-12-06T17:00:00Z')).toBe('Dec 5, 2026, 11:00 AM CST – Dec 6, 2026, 11:00 AM CST');
    // Midnight UTC falls on the evening before in Chicago: the reader's day counts, not UTC's.
    expect(chicago.timeRange('2026-12-06T03:00:00Z', '2026-12-06T04:00:00Z')).toBe('Dec 5, 2026, 9:00 PM – 10:00 PM CST');
  });

  it('formats phones for the firm\'s region: national at home, international abroad; typed text when unparseable', () => {
    expect(chicago.phone('+13127508527')).toBe('(312) 750-8527');
    expect(chicago.phone('+442079460958')).toBe('+44 20 7946 0958');
    expect(displayFormat({ timeZone: 'Europe/London', region: 'GB' }).phone('+442079460958')).toBe('020 7946 0958');
    expect(chicago.phone(undefined, 'ext. 12')).toBe('ext. 12');
  });

  it('shows emails lower-cased', () => {
    expect(chicago.email('Bob.Smith@Example.COM')).toBe('bob.smith@example.com');
  });
});
