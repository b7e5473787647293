import { createCandidateScorer, type SweepMatch } from '../../domain/duplicates/sweep/score-candidates';
import { forEachOwnedPair, partitionSteps } from '../../domain/duplicates/sweep/sweep-blocks';
import { saveMatchPart } from '../../db/duplicates/sweep-match-parts';
import { changedForScoring } from './begin-sweep';
import { defaultMatcher } from './default-matcher';
import { sweepSnapshot } from './sweep-snapshot';

/** Where a partition's scoring stands: the step to go on from and the parts already written. */
export type PartitionCheckpoint = { step: number; parts: number; pairsScored: number; matched: number };
export type PartitionResult = { partition: number; parts: number; pairsScored: number; matched: number; seconds: number };

/** A stored match: contact ids instead of snapshot positions, so any worker's snapshot can read it. */
export type StoredMatch = [idA: string, idB: string, weight: number, score: number, kinds: SweepMatch['kinds'], reasons: string[]];

// A part is written at least this often, so a crash loses at most this much scoring.
const CHECKPOINT_MS = 5_000;
const CHECKPOINT_MATCHES = 5_000;
// The scoring loop gives the event loop a turn this often, for heartbeats and cancellation.
const SLICE_MS = 100;

/**
 * Scores the candidate pairs one partition owns (see sweep-blocks.ts) and
 * stores the likely matches in parts. Each written part is a checkpoint:
 * `resume` (from the last heartbeat) skips what is already stored, and a
 * part rewritten by a retry holds the same pairs, so nothing is counted
 * twice.
 */
export async function scoreSweepPartition(o: {
  sweepId: string;
  partition: number;
  partitions: number;
  region: string;
  resume?: PartitionCheckpoint;
  onCheckpoint: (c: PartitionCheckpoint) => void;
  onProgress: (p: { stepsDone: number; steps: number; pairsScored: number }) => void;
  cancelled: () => boolean;
}): Promise<PartitionResult> {
  const started = performance.now();
  const snapshot = await sweepSnapshot(o.sweepId, { region: o.region });
  const onlyChanged = await changedForScoring(snapshot);
  const blocks = snapshot.blocks();
  const ctx = defaultMatcher();
  const { total } = partitionSteps(blocks, o.partition, o.partitions);
  let checkpoint: PartitionCheckpoint = o.resume ?? { step: 0, parts: 0, pairsScored: 0, matched: 0 };
  let step = checkpoint.step;
  let scorer = createCandidateScorer(snapshot.records, ctx, onlyChanged);
  let pending: SweepMatch[] = [];
  let lastWrite = performance.now();
  const writePart = async () => {
    const stored: StoredMatch[] = pending.map((m) => [snapshot.ids[m.a]!, snapshot.ids[m.b]!, m.weight, m.score, m.kinds, m.reasons]);
    await saveMatchPart({ sweepId: o.sweepId, partition: o.partition, part: checkpoint.parts, json: JSON.stringify(stored) });
    checkpoint = { step, parts: checkpoint.parts + 1, pairsScored: checkpoint.pairsScored + scorer.scored, matched: checkpoint.matched + pending.length };
    scorer = createCandidateScorer(snapshot.records, ctx, onlyChanged);
    pending = [];
    lastWrite = performance.now();
    o.onCheckpoint(checkpoint);
  };
  while (step < total) {
    if (o.cancelled()) throw new Error('cancelled');
    const sliceEnd = performance.now() + SLICE_MS;
    while (step < total && performance.now() < sliceEnd) {
      const to = Math.min(total, step + 32);
      forEachOwnedPair(blocks, o.partition, o.partitions, step, to, scorer.visit);
      step = to;
    }
    pending.push(...scorer.take());
    o.onProgress({ stepsDone: step, steps: total, pairsScored: checkpoint.pairsScored + scorer.scored });
    if (pending.length >= CHECKPOINT_MATCHES || performance.now() - lastWrite >= CHECKPOINT_MS) await writePart();
    await new Promise((r) => setImmediate(r));
  }
  if (pending.length || checkpoint.parts === 0 || step !== checkpoint.step) await writePart();
  return { partition: o.partition, parts: checkpoint.parts, pairsScored: checkpoint.pairsScored, matched: checkpoint.matched, seconds: (performance.now() - started) / 1000 };
}
