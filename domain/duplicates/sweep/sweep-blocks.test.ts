import { describe, expect, it } from 'vitest';
import { generateSyntheticPeople } from '../../demo-data/generate-synthetic-people';
import { rowToMatchInput } from '../dedupe-rows';
import { prepareRecord } from '../prepare-record';
import { buildSweepBlocks, forEachOwnedPair, isCandidatePair, partitionSteps } from './sweep-blocks';

const records = generateSyntheticPeople(3000, { withContactDetails: true, seed: 7 }).map((r) => prepareRecord(rowToMatchInput(r.row), { defaultRegion: 'US' }));
const blocks = buildSweepBlocks(records);

function ownedPairs(partitions: number, chunk = Infinity): string[] {
  const seen: string[] = [];
  for (let p = 0; p < partitions; p++) {
    const total = partitionSteps(blocks, p, partitions).total;
    // Resuming from a checkpoint: the steps in slices give the same pairs as one go.
    for (let from = 0; from < total; from += Math.min(chunk, total)) forEachOwnedPair(blocks, p, partitions, from, from + chunk, (a, b) => seen.push(`${a},${b}`));
  }
  return seen;
}

describe('sweep blocks', () => {
  it('visits every candidate pair exactly once, however the work is partitioned or resumed', () => {
    const one = ownedPairs(1);
    expect(new Set(one).size).toBe(one.length);
    expect(one.length).toBeGreaterThan(3000);
    const seven = ownedPairs(7, 13);
    expect(new Set(seven).size).toBe(seven.length);
    expect([...seven].sort()).toEqual([...one].sort());
  });
  it('owns only pairs that are candidates, with the lower index first', () => {
    for (const pair of ownedPairs(3).slice(0, 2000)) {
      const [a, b] = pair.split(',').map(Number) as [number, number];
      expect(a).toBeLessThan(b);
      expect(isCandidatePair(blocks, a, b)).toBe(true);
    }
  });
  it('files records sharing a phone into one block', () => {
    const withPhone = records.findIndex((r) => r.phones.length > 0);
    const twin = records.findIndex((r, i) => i !== withPhone && r.phones.includes(records[withPhone]!.phones[0]!));
    if (twin >= 0) expect(isCandidatePair(blocks, Math.min(withPhone, twin), Math.max(withPhone, twin))).toBe(true);
    expect(blocks.count).toBeGreaterThan(100);
  });
});
