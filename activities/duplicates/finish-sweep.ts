import { insertNewGroups, resolvedGroupIds } from '../../db/duplicates/duplicate-groups';
import { groupId } from '../../db/duplicates/group-id';
import { rebuildReviewQueue, type QueueEntry } from '../../db/duplicates/review-queue-index';
import { allNotDuplicatePairs, pairId, replaceSuggestions } from '../../db/duplicates/suggestions';
import { deleteMatchPartsOf, matchPartKey, readMatchPart } from '../../db/duplicates/sweep-match-parts';
import { loadSweepResult, resultSignature, saveSweepResult } from '../../db/duplicates/sweep-result-store';
import { findSweepRun, updateSweepRun } from '../../db/duplicates/sweep-runs';
import type { SuggestionEntry } from '../../db/models/index';
import { groupMatches } from '../../domain/duplicates/sweep/group-matches';
import type { SweepMatch } from '../../domain/duplicates/sweep/score-candidates';
import { collectGarbageNow } from '../collect-garbage';
import { defaultMatcher } from './default-matcher';
import type { StoredMatch } from './score-sweep-partition';
import { releaseSweepBlocks, releaseSweepSnapshot, sweepSnapshot } from './sweep-snapshot';

export type FinishCheckpoint = { batch: number };
export type FinishResult = { groupsFound: number; groupsWritten: number; suggestionsWritten: number };

const GROUPS_PER_BATCH = 500;

/** One group the sweep found, and what must be written for it. */
type GroupWork = { id: string; members: string[]; score: number; kinds: string[]; reasons: string[]; isNew: boolean; rewrite: string[] };

/**
 * The sweep's last step: reads every partition's matches, clusters them
 * with the chaining guard, leaves out what staff marked "not a duplicate",
 * and writes only what differs from the previous sweep's result: new
 * groups, and the suggestions of contacts whose group changed (or who
 * changed themselves). Groups staff resolved keep their status and their
 * members' suggestions stay closed. Writes go in batches; each written
 * batch is a checkpoint, and the plan is the same on a retry.
 */
export async function finishSweep(o: {
  sweepId: string;
  region: string;
  parts: number[];
  /** All partitions' scored pairs, for the sweep's record. */
  pairsScored: number;
  resume?: FinishCheckpoint;
  onCheckpoint: (c: FinishCheckpoint) => void;
  onProgress: (p: { written: number; toWrite: number; groupsFound: number }) => void;
}): Promise<FinishResult> {
  const snapshot = await sweepSnapshot(o.sweepId, { region: o.region });
  releaseSweepBlocks(snapshot);
  const run = await findSweepRun(o.sweepId);
  if (!run) throw new Error(`The record of sweep ${o.sweepId} is missing; its first step must run again.`);
  const scoreSeconds = run.scoringStartedAt ? (Date.now() - run.scoringStartedAt.getTime()) / 1000 : 0;
  let t = performance.now();
  const matches = await readMatches(o.sweepId, o.parts, snapshot.indexOf());
  const ctx = defaultMatcher();
  const { groups } = groupMatches(snapshot.records, matches, ctx);
  matches.length = 0;
  collectGarbageNow(); // the parsed parts are garbage now; the writes below hold little
  const clusterSeconds = (performance.now() - t) / 1000;
  t = performance.now();

  const notDuplicate = await allNotDuplicatePairs();
  const previous = await loadSweepResult();
  const changed = run.rewriteAll ? undefined : new Set(JSON.parse(run.changedIds ?? '[]') as string[]);
  // A full sweep's result replaces the previous one; an incremental sweep only adds to it.
  const result = run.mode === 'incremental' ? new Map(previous) : new Map<string, string>();
  const work: GroupWork[] = [];
  let groupsFound = 0;
  for (const g of groups) {
    const members = g.members.map((i) => snapshot.ids[i]!).sort();
    if (members.length < 2) continue;
    if (members.every((a, x) => members.slice(x + 1).every((b) => notDuplicate.has(pairId(a, b))))) continue; // staff said these are different people
    groupsFound++;
    const id = groupId(members);
    const signature = resultSignature(id, g.score);
    const rewrite = members.filter((m) => previous.get(m) !== signature || !changed || changed.has(m));
    for (const m of members) result.set(m, signature);
    if (rewrite.length) work.push({ id, members, score: g.score, kinds: g.kinds, reasons: g.reasons, isNew: members.some((m) => previous.get(m) !== signature), rewrite });
  }
  work.sort((a, b) => (a.id < b.id ? -1 : 1));
  const batches = Math.ceil(work.length / GROUPS_PER_BATCH);
  let suggestionsWritten = 0;
  const opened = new Set<string>();
  for (let batch = o.resume?.batch ?? 0; batch < batches; batch++) {
    const slice = work.slice(batch * GROUPS_PER_BATCH, (batch + 1) * GROUPS_PER_BATCH);
    const written = await writeBatch(o.sweepId, slice, notDuplicate);
    suggestionsWritten += written.suggestions;
    for (const id of written.open) opened.add(id);
    o.onCheckpoint({ batch: batch + 1 });
    o.onProgress({ written: batch + 1, toWrite: batches, groupsFound });
  }
  // Every open group this sweep brought in joins the queue. After a resumed write the batches
  // before the checkpoint are not looked at again, so their groups are taken as open; the
  // queue page checks each group's status before it shows it.
  const added: QueueEntry[] = work.filter((w) => w.isNew && (opened.has(w.id) || o.resume)).map((w) => [w.id, w.score, w.kinds.join(','), w.members.length]);
  await rebuildReviewQueue({ added, keepPrevious: !previous.discarded });
  await saveSweepResult(result);
  await deleteMatchPartsOf(o.sweepId);
  await updateSweepRun(
    o.sweepId,
    { stage: 'done', groupsFound, pairsScored: o.pairsScored, partitionsDone: o.parts.length, finishedAt: new Date(), updatedAt: new Date(), 'seconds.score': scoreSeconds, 'seconds.cluster': clusterSeconds, 'seconds.write': (performance.now() - t) / 1000 },
    ['changedIds'],
  );
  releaseSweepSnapshot(o.sweepId);
  return { groupsFound, groupsWritten: work.filter((w) => w.isNew).length, suggestionsWritten };
}

/** Every stored match, as positions in this worker's snapshot; a contact gone since (merged, deleted) drops its pairs. */
async function readMatches(sweepId: string, parts: number[], index: Map<string, number>): Promise<SweepMatch[]> {
  const keys = parts.flatMap((count, partition) => Array.from({ length: count }, (_, part) => matchPartKey(sweepId, partition, part)));
  const matches: SweepMatch[] = [];
  for (let i = 0; i < keys.length; i += 8) {
    const parts = await Promise.all(keys.slice(i, i + 8).map(readMatchPart));
    for (const json of parts) {
      if (json === undefined) throw new Error(`A scored part of the sweep is missing (${keys[i]}…); the partition must be scored again.`);
      for (const [idA, idB, weight, score, kinds, reasons] of JSON.parse(json) as StoredMatch[]) {
        const a = index.get(idA);
        const b = index.get(idB);
        if (a === undefined || b === undefined) continue;
        matches.push({ a: Math.min(a, b), b: Math.max(a, b), weight, score, kinds, reasons });
      }
    }
  }
  return matches;
}

/** Writes one batch of groups and their members' suggestions; returns how many contacts' suggestions were written. */
async function writeBatch(sweepId: string, slice: GroupWork[], notDuplicate: Set<string>): Promise<{ suggestions: number; open: string[] }> {
  const now = new Date();
  const fresh = slice.filter((w) => w.isNew);
  const inserted = await insertNewGroups(fresh, { sweepId, now });
  // A group that already existed may have been resolved by staff: its members' suggestions stay closed.
  const resolved = await resolvedGroupIds(slice.filter((w) => !inserted.has(w.id)).map((w) => w.id));
  const writes: [string, SuggestionEntry[]][] = [];
  for (const w of slice) {
    if (resolved.has(w.id)) continue;
    for (const id of w.rewrite) {
      const entries = w.members.filter((other) => other !== id && !notDuplicate.has(pairId(id, other))).map((other) => ({ otherId: other, score: w.score, band: 'likely' as const, reasons: w.reasons, at: now }));
      writes.push([id, entries]);
    }
  }
  const open = fresh.filter((w) => !resolved.has(w.id)).map((w) => w.id);
  if (!writes.length) return { suggestions: 0, open };
  // Suggestions only: the list's badge counts them when it renders, so no contact document is rewritten.
  await replaceSuggestions(writes);
  return { suggestions: writes.length, open };
}
