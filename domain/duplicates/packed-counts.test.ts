import { describe, expect, it } from 'vitest';
import { packCounts, unpackCounts } from './packed-counts';

describe('packed counts', () => {
  it('round-trips, lets a later pair win and reads an empty string as nothing', () => {
    const counts = new Map([['65a1', 2], ['65a2', 0]]);
    expect(unpackCounts(packCounts(counts))).toEqual(counts);
    expect(unpackCounts('a:1,b:2,a:3')).toEqual(new Map([['a', 3], ['b', 2]]));
    expect(unpackCounts('')).toEqual(new Map());
    expect(unpackCounts('b:5', new Map([['a', 1]]))).toEqual(new Map([['a', 1], ['b', 5]]));
  });
});
