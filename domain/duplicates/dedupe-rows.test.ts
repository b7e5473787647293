import { describe, expect, it } from 'vitest';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { clusterWithGuard } from './sweep/cluster-with-guard';
import { dedupeRecords, rowToMatchInput } from './dedupe-rows';
import { pairwiseQuality } from './pairwise-quality';

describe('dedupeRecords', () => {
  it('clusters one person written three ways and leaves others alone', () => {
    const rows = [
      { id: 'a', full_name: 'Dr. Robert J. Smith Jr.', phone: '(415) 555-2671', dob: '1980-03-07' },
      { id: 'b', first_name: 'Bob', last_name: 'Smith', phone: '415.555.2671;212 555 0100', dob: '19800307' },
      { id: 'c', full_name: 'Smith, Rob', email: 'rob@example.com', phone: '+14155552671' },
      { id: 'd', first_name: 'Alice', last_name: 'Jones', dob: '1975-01-01' },
    ];
    expect(dedupeRecords(rows.map(rowToMatchInput), defaultMatcher(), { defaultRegion: 'US' })).toEqual(['a', 'a', 'a', 'd']);
  });
});

describe('clustering', () => {
  it('joins transitively and names clusters by their first member', () => {
    const edges = [{ a: 3, b: 4, weight: 10 }, { a: 1, b: 3, weight: 10 }];
    expect(clusterWithGuard(5, edges, () => 'match')).toEqual([0, 1, 2, 1, 1]);
  });
});

describe('pairwiseQuality', () => {
  it('counts pairs within clusters', () => {
    const q = pairwiseQuality(['x', 'x', 'x', 'y'], ['1', '1', '2', '2']);
    expect(q).toMatchObject({ truePairs: 2, predictedPairs: 3, correctPairs: 1 });
    expect(q.precision).toBeCloseTo(1 / 3);
    expect(q.recall).toBeCloseTo(0.5);
  });
});
