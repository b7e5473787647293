import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARES, secondsLeft, sharesFrom, sweepPercent } from './dedupe-sweep-progress';

describe('sweep progress', () => {
  it('divides the bar between the stages as the last sweep spent its time', () => {
    const shares = sharesFrom({ read: 214, block: 6, score: 55, cluster: 8, write: 357 });
    expect(shares.reading + shares.matching + shares.writing).toBeCloseTo(100);
    expect(shares.writing).toBeGreaterThan(55); // a cold first sweep mostly writes
    expect(sharesFrom(undefined)).toEqual(DEFAULT_SHARES);
  });
  it('moves through reading, matching and writing without going back or reaching 100 early', () => {
    const shares = { reading: 30, matching: 50, writing: 20 };
    const points = [
      sweepPercent({ stage: 'reading', contactsRead: 0, expectedContacts: 1000, matchedFraction: 0, writtenFraction: 0, shares }),
      sweepPercent({ stage: 'reading', contactsRead: 500, expectedContacts: 1000, matchedFraction: 0, writtenFraction: 0, shares }),
      sweepPercent({ stage: 'reading', contactsRead: 1200, expectedContacts: 1000, matchedFraction: 0, writtenFraction: 0, shares }),
      sweepPercent({ stage: 'matching', contactsRead: 1200, matchedFraction: 0.5, writtenFraction: 0, shares }),
      sweepPercent({ stage: 'writing', contactsRead: 1200, matchedFraction: 1, writtenFraction: 1, shares }),
      sweepPercent({ stage: 'done', contactsRead: 1200, matchedFraction: 1, writtenFraction: 1, shares }),
    ];
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(points[1]).toBe(15);
    expect(points[2]).toBeLessThan(30); // more contacts than expected: reading never claims the matching share
    expect(points[3]).toBe(55);
    expect(points[4]).toBeLessThan(100);
    expect(points[5]).toBe(100);
  });
  it('estimates the time left only once a little is done', () => {
    expect(secondsLeft(1, 10)).toBeUndefined();
    expect(secondsLeft(25, 30)).toBe(90);
    expect(secondsLeft(100, 30)).toBe(0);
  });
});
