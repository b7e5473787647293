import { continueAsNew, executeChild, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities, FinishResult, PartitionResult, SweepMode, SweepPlan } from '../activities/index';
import { secondsLeft, sweepPercent } from './dedupe-sweep-progress';
import { sweepProgressQuery, sweepReportSignal, type StageShares, type SweepProgress } from './messages/dedupe-sweep';

const { autoMergeCandidates, requestAutoMerge } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });
// Long activities heartbeat; a crashed worker's activity is retried (on any worker) from its last checkpoint.
const { beginSweep, scoreSweepPartition, finishSweep } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

/** Partitions in flight at once: one per worker that takes part, a few more to keep them busy. */
const PARTITIONS_IN_FLIGHT = 4;
/** Partitions scored per workflow run before it continues as new, so a large sweep's history stays short. */
const PARTITIONS_PER_RUN = 24;

export type DedupeSweepResult = { sweepId: string; mode: SweepMode; contactsRead: number; pairsScored: number; groupsFound: number; partitions: number; autoMerged: number };
/**
 * autoMergeAbove: merge groups scoring at least this (0..1) through MergeContactsWorkflow; absent = off.
 * contactsPerPartition: the size of a scoring partition (default 25,000): smaller spreads the work over more workers.
 */
export type DedupeSweepInput = { mode?: SweepMode; autoMergeAbove?: number; autoMergeLimit?: number; contactsPerPartition?: number; carried?: SweepCarried };
/** What a sweep carries into its next run when it continues as new. */
export type SweepCarried = { plan: SweepPlan; done: PartitionResult[]; startedAt: number };

/**
 * Finds duplicate groups across all live contacts: nightly from a Temporal
 * Schedule (incremental: pairs with a contact changed since the last sweep),
 * or "Run now" (full). Begin reads and blocks the contacts; the candidate
 * pairs are scored in partitions, several at once so several workers share
 * them; finish clusters and writes. The sweep id is the workflow id, kept
 * across continue-as-new, so retried steps rewrite the same groups.
 */
export async function DedupeSweepWorkflow(input: DedupeSweepInput = {}): Promise<DedupeSweepResult> {
  const sweepId = workflowInfo().workflowId;
  const carried: SweepCarried | undefined = input.carried;
  const startedAt = carried?.startedAt ?? Date.now();
  let plan = carried?.plan;
  const done = new Map<number, PartitionResult>((carried?.done ?? []).map((r) => [r.partition, r]));
  // Live figures from the activities' reports, for the progress query.
  let reading: { contactsRead: number; expectedContacts?: number; shares?: StageShares } = { contactsRead: 0 };
  const partial = new Map<number, { fraction: number; pairsScored: number }>();
  let writing = { fraction: 0, groupsFound: 0 };
  let finished: FinishResult | undefined;
  setHandler(sweepReportSignal, (r) => {
    if (r.stage === 'reading') reading = { contactsRead: Math.max(reading.contactsRead, r.contactsRead), expectedContacts: r.expectedContacts, shares: r.shares };
    else if (r.stage === 'matching' && !done.has(r.partition)) partial.set(r.partition, { fraction: r.steps ? r.stepsDone / r.steps : 1, pairsScored: r.pairsScored });
    else if (r.stage === 'writing') writing = { fraction: r.toWrite ? r.written / r.toWrite : 1, groupsFound: r.groupsFound };
  });
  setHandler(sweepProgressQuery, (): SweepProgress => {
    const stage = finished ? 'done' : !plan ? 'reading' : done.size < plan.partitions ? 'matching' : 'writing';
    const partitions = plan?.partitions ?? 0;
    const matchedFraction = partitions ? (done.size + [...partial.values()].reduce((s, p) => s + p.fraction, 0)) / partitions : 0;
    const contactsRead = plan?.contacts ?? reading.contactsRead;
    const expectedContacts = plan?.expectedContacts ?? reading.expectedContacts;
    const percent = sweepPercent({ stage, contactsRead, expectedContacts, matchedFraction, writtenFraction: writing.fraction, shares: plan?.shares ?? reading.shares });
    const elapsed = (Date.now() - startedAt) / 1000;
    return {
      stage,
      mode: plan?.mode,
      contactsRead,
      expectedContacts,
      partitions,
      partitionsDone: done.size,
      pairsScored: [...done.values()].reduce((s, r) => s + r.pairsScored, 0) + [...partial.values()].reduce((s, p) => s + p.pairsScored, 0),
      groupsFound: finished?.groupsFound ?? writing.groupsFound,
      percent: Math.round(percent * 10) / 10,
      rate: elapsed > 0 ? Math.round(contactsRead / elapsed) : 0,
      secondsLeft: secondsLeft(percent, elapsed),
      startedAt,
    };
  });

  plan ??= await beginSweep({ sweepId, mode: input.mode ?? 'full', contactsPerPartition: input.contactsPerPartition });
  const current = plan;
  const queue = Array.from({ length: current.partitions }, (_, p) => p).filter((p) => !done.has(p));
  let scoredThisRun = 0;
  let pausing = false;
  const lane = async () => {
    while (queue.length && !pausing) {
      const partition = queue.shift()!;
      const result = await scoreSweepPartition({ sweepId, partition, partitions: current.partitions });
      done.set(partition, result);
      partial.delete(partition);
      if (++scoredThisRun >= PARTITIONS_PER_RUN || workflowInfo().continueAsNewSuggested) pausing = true;
    }
  };
  await Promise.all(Array.from({ length: PARTITIONS_IN_FLIGHT }, lane));
  if (queue.length) {
    // The partitions in flight have finished; the next run takes the rest.
    await continueAsNew<typeof DedupeSweepWorkflow>({ ...input, carried: { plan: current, done: [...done.values()], startedAt } });
  }

  const parts = Array.from({ length: current.partitions }, (_, p) => done.get(p)!.parts);
  const pairsScored = [...done.values()].reduce((s, r) => s + r.pairsScored, 0);
  finished = await finishSweep({ sweepId, parts, pairsScored });
  let autoMerged = 0;
  if (input.autoMergeAbove !== undefined) {
    // Each merge is an ordinary MergeContactsWorkflow: audited, and undoable from the survivor's profile.
    for (const groupId of await autoMergeCandidates(input.autoMergeAbove, input.autoMergeLimit)) {
      const mergeId = await requestAutoMerge(groupId);
      if (!mergeId) continue;
      const merged = await executeChild('MergeContactsWorkflow', { workflowId: `merge-contacts-${mergeId}`, args: [{ mergeId }] });
      if ((merged as { status: string }).status === 'completed') autoMerged++;
    }
  }
  return { sweepId, mode: current.mode, contactsRead: current.contacts, pairsScored, groupsFound: finished.groupsFound, partitions: current.partitions, autoMerged };
}
