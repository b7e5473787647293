import { defineQuery, executeChild, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities, SweepMode, SweepProgress } from '../activities/index';

const { autoMergeCandidates, requestAutoMerge } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute' });
const { dedupeSweep } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export type DedupeSweepResult = SweepProgress & { sweepId: string; mode: SweepMode; autoMerged: number };
/** autoMergeAbove: merge groups scoring at least this (0..1) through MergeContactsWorkflow; absent = off. */
export type DedupeSweepInput = { mode?: SweepMode; autoMergeAbove?: number; autoMergeLimit?: number };
export const sweepProgressQuery = defineQuery<SweepProgress | undefined>('progress');

/**
 * Finds duplicate groups across all live contacts: nightly from a Temporal
 * Schedule (incremental: pairs with a contact changed since the last sweep),
 * or "Run now" (full). The sweep id is the workflow id, so a retried
 * activity rewrites the same groups.
 */
export async function DedupeSweepWorkflow(input: DedupeSweepInput = {}): Promise<DedupeSweepResult> {
  let progress: SweepProgress | undefined;
  setHandler(sweepProgressQuery, () => progress);
  const sweepId = workflowInfo().workflowId;
  const result = await dedupeSweep({ sweepId, mode: input.mode ?? 'full' });
  progress = result;
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
  return { ...result, sweepId, autoMerged };
}
