import { basename } from 'node:path';
import { dedupeRecords, rowToMatchInput } from '../../domain/duplicates/dedupe-rows';
import { pairwiseQuality } from '../../domain/duplicates/pairwise-quality';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { readFebrl, SHARED_FEBRL_SETS } from './febrl';
import { generateSyntheticPeople } from '../../domain/demo-data/generate-synthetic-people';
import type { BenchEntry, BenchMeasurement } from './types';

/**
 * Pairwise precision, recall and F1 of the dedupe CLI's engine, with its
 * default weights and thresholds, on the shared FEBRL sets (converted to the
 * CLI's CSV columns, without soc_sec_id) and on generated sets it was not
 * trained on, with and without phones and emails and with households.
 * --size sets the number of generated records.
 */
export const matchQualityBench: BenchEntry = {
  name: 'match-quality',
  description: 'duplicate detection precision/recall/F1 on FEBRL and generated people',
  defaultSize: 5000,
  needsServices: false,
  async run({ size, log }) {
    const sets = [
      ...SHARED_FEBRL_SETS.map((file) => ({ name: basename(file, '.csv'), rows: readFebrl(file), region: 'AU' })),
      { name: 'generated with phones+emails', rows: generateSyntheticPeople(size, { withContactDetails: true, seed: 11 }), region: 'US' },
      { name: 'generated names+addresses only', rows: generateSyntheticPeople(size, { withContactDetails: false, seed: 12 }), region: 'US' },
    ];
    const out: BenchMeasurement[] = [];
    for (const set of sets) {
      const started = performance.now();
      const clusters = dedupeRecords(set.rows.map((r) => rowToMatchInput(r.row)), defaultMatcher(), { defaultRegion: set.region });
      const seconds = (performance.now() - started) / 1000;
      const q = pairwiseQuality(clusters, set.rows.map((r) => r.entity));
      log(`${set.name}: ${set.rows.length} records, ${q.truePairs} true pairs, ${q.predictedPairs} predicted, ${q.correctPairs} correct`);
      out.push(
        { metric: `${set.name} precision`, value: round(q.precision), unit: 'ratio' },
        { metric: `${set.name} recall`, value: round(q.recall), unit: 'ratio' },
        { metric: `${set.name} F1`, value: round(q.f1), unit: 'ratio' },
        { metric: `${set.name} speed`, value: Math.round(set.rows.length / seconds), unit: 'records/s' },
      );
    }
    return out;
  },
};

const round = (x: number) => Math.round(x * 10_000) / 10_000;
