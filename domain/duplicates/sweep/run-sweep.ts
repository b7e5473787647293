import type { PreparedRecord } from '../match-record';
import type { ScoringContext } from '../score-pair';
import { groupMatches, type SweepGroup } from './group-matches';
import { createCandidateScorer } from './score-candidates';
import { buildSweepBlocks, forEachOwnedPair, isCandidatePair, partitionSteps } from './sweep-blocks';

export type { SweepGroup };
export type SweepStageTimes = { block: number; score: number; cluster: number };
export type SweepResult = {
  candidatePairs: number;
  matchedPairs: number;
  groups: SweepGroup[];
  clusterOf: number[];
  times: SweepStageTimes;
  /** Whether a pair reached scoring: for measuring the blocking's pair completeness. */
  wasCandidate: (a: number, b: number) => boolean;
};

/**
 * The whole sweep in one process, as one partition: blocking (exact keys
 * plus sorted neighbourhood), scoring every candidate pair once, and
 * clustering with the chaining guard. The database sweep runs the same
 * pieces split into partitions across activities; the dedupe CLI and the
 * bench's matching stage run this.
 */
export function runSweep(records: PreparedRecord[], ctx: ScoringContext, o: { onlyChanged?: Set<number> } = {}): SweepResult {
  const t0 = performance.now();
  const blocks = buildSweepBlocks(records);
  const t1 = performance.now();
  const scorer = createCandidateScorer(records, ctx, o.onlyChanged);
  forEachOwnedPair(blocks, 0, 1, 0, partitionSteps(blocks, 0, 1).total, scorer.visit);
  const matches = scorer.take();
  const t2 = performance.now();
  const { groups, clusterOf } = groupMatches(records, matches, ctx);
  const t3 = performance.now();
  return {
    candidatePairs: scorer.scored,
    matchedPairs: matches.length,
    groups,
    clusterOf,
    times: { block: t1 - t0, score: t2 - t1, cluster: t3 - t2 },
    wasCandidate: (a, b) => isCandidatePair(blocks, a, b),
  };
}
