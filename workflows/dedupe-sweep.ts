import { defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities, SweepMode, SweepProgress } from '../activities/index';

const { dedupeSweep } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export type DedupeSweepResult = SweepProgress & { sweepId: string; mode: SweepMode };
export type DedupeSweepInput = { mode?: SweepMode };
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
  return { ...result, sweepId };
}
