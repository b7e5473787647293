import { describe, expect, it } from 'vitest';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { generateSyntheticPeople } from '../demo-data/generate-synthetic-people';
import { couldBeLikely } from './could-be-likely';
import { rowToMatchInput } from './dedupe-rows';
import { prepareRecord } from './prepare-record';
import { bandOf, pairWeight } from './score-pair';

const ctx = defaultMatcher();
const rows = generateSyntheticPeople(4000, { withContactDetails: true, seed: 11 });
const records = rows.map((r) => prepareRecord(rowToMatchInput(r.row), { defaultRegion: 'US' }));

describe('couldBeLikely (the sweep\'s cheap upper bound)', () => {
  it('never turns away a pair the full comparison calls likely', () => {
    let rejected = 0;
    let likely = 0;
    // Neighbours in generation order are often one person (duplicates follow their original) or a household.
    for (let i = 0; i + 1 < records.length; i++) {
      for (const j of [i + 1, (i * 7919) % records.length]) {
        if (j === i) continue;
        const isLikely = bandOf(pairWeight(records[i]!, records[j]!, ctx), ctx.weights) === 'likely';
        if (isLikely) likely++;
        if (!couldBeLikely(records[i]!, records[j]!, ctx)) {
          rejected++;
          expect(isLikely, `${records[i]!.id} / ${records[j]!.id}`).toBe(false);
        }
      }
    }
    expect(likely).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(4000); // and it does turn most pairs away
  });
});
