import { generateSyntheticPeople } from '../../domain/demo-data/generate-synthetic-people';
import { rowToMatchInput } from '../../domain/matching/dedupe-rows';
import { pairwiseQuality } from '../../domain/matching/pairwise-quality';
import { prepareRecord } from '../../domain/matching/prepare-record';
import { runSweep } from '../../domain/matching/sweep/run-sweep';
import { defaultMatcher } from '../../lib/matcher';
import { round } from './stats';
import type { BenchEntry } from './types';

/**
 * The dedupe sweep's matching stage on `size` generated contacts with known
 * truth (per-entity sub-seeds, about 15% with duplicates, hard negatives):
 * time per stage, candidate pairs per contact, pair completeness of the
 * blocking, pairwise precision and recall, peak memory. In memory, without
 * the database: the database stages (read, write) are not measured yet.
 */
export const sweepBench: BenchEntry = {
  name: 'sweep',
  description: 'dedupe sweep matching stage (block, score, cluster) on generated contacts with truth',
  defaultSize: 100_000,
  needsServices: false,
  async run({ size, log }) {
    let t = performance.now();
    const rows = generateSyntheticPeople(size, { withContactDetails: true, seed: 2026 });
    log(`generated ${rows.length} people in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const records = rows.map((r) => prepareRecord(rowToMatchInput(r.row), { defaultRegion: 'US' }));
    const prepareMs = performance.now() - t;
    const result = runSweep(records, defaultMatcher());
    const truth = rows.map((r) => r.entity);
    const byEntity = new Map<string, number[]>();
    truth.forEach((e, i) => (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(i));
    let truePairs = 0;
    let reached = 0;
    for (const members of byEntity.values()) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) {
        truePairs++;
        if (result.wasCandidate(members[x]!, members[y]!)) reached++;
      }
    }
    const q = pairwiseQuality(result.clusterOf.map(String), truth);
    const matchingSeconds = (prepareMs + result.times.block + result.times.score + result.times.cluster) / 1000;
    log(`${result.candidatePairs} candidate pairs, ${result.matchedPairs} matched, ${result.groups.length} groups`);
    return [
      { metric: 'prepare (normalize) time', value: round(prepareMs / 1000, 2), unit: 's' },
      { metric: 'block time', value: round(result.times.block / 1000, 2), unit: 's' },
      { metric: 'score time', value: round(result.times.score / 1000, 2), unit: 's' },
      { metric: 'cluster time', value: round(result.times.cluster / 1000, 2), unit: 's' },
      { metric: 'matching stage total', value: round(matchingSeconds, 2), unit: 's' },
      { metric: 'candidate pairs per contact', value: round(result.candidatePairs / size, 2), unit: 'pairs' },
      { metric: 'pair completeness (true pairs reaching scoring)', value: round(truePairs ? reached / truePairs : 1, 4), unit: 'ratio' },
      { metric: 'pairwise precision', value: round(q.precision, 4), unit: 'ratio' },
      { metric: 'pairwise recall', value: round(q.recall, 4), unit: 'ratio' },
      { metric: 'duplicate groups found', value: result.groups.length, unit: 'groups' },
      { metric: 'peak heap after matching', value: round(process.memoryUsage().heapUsed / 2 ** 20), unit: 'MB' },
    ];
  },
};
