import { defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities, SweepProgress } from '../activities/index';

const { dedupeSweep } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

export type DedupeSweepResult = SweepProgress & { sweepId: string };
export const sweepProgressQuery = defineQuery<SweepProgress | undefined>('progress');

/**
 * Finds duplicate groups across all live contacts (nightly from a Temporal
 * Schedule, or "Run now"). The sweep id is the workflow id, so a retried
 * activity rewrites the same groups.
 */
export async function DedupeSweepWorkflow(): Promise<DedupeSweepResult> {
  let progress: SweepProgress | undefined;
  setHandler(sweepProgressQuery, () => progress);
  const sweepId = workflowInfo().workflowId;
  progress = await dedupeSweep({ sweepId });
  return { ...progress, sweepId };
}
