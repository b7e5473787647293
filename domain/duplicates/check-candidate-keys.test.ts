import { describe, expect, it } from 'vitest';
import { phonesOneSlipAway, typoTolerantNameQueries } from './check-candidate-keys';

describe('the duplicate check\'s extra look-ups', () => {
  it('searches each name whole with the other\'s first letters', () => {
    expect(typoTolerantNameQueries('katherine', 'bodebats')).toEqual(['katherine bod', 'kat bodebats']);
    expect(typoTolerantNameQueries('', 'bodebats')).toEqual([]);
  });
  it('lists the numbers one digit or one swap away, country code kept', () => {
    const near = phonesOneSlipAway('+13127508527', 1);
    expect(near).toHaveLength(99);
    expect(near).toContain('+13127508528');
    expect(near).toContain('+13127508572'); // the last two digits swapped
    expect(near).not.toContain('+13127508527');
    expect(near.every((p) => p.startsWith('+1'))).toBe(true);
  });
});
