import { Context, heartbeat } from '@temporalio/activity';
import { autoMergeCandidates, requestAutoMerge } from './auto-merge';
import { beginSweep, type SweepMode, type SweepPlan } from './begin-sweep';
import { finishSweep, type FinishCheckpoint, type FinishResult } from './finish-sweep';
import { scoreSweepPartition, type PartitionCheckpoint, type PartitionResult } from './score-sweep-partition';
import { sweepReportSignal, type SweepActivityReport } from '../../workflows/messages/dedupe-sweep';
import type { ActivityDeps } from '../deps';

export type { SweepMode, SweepPlan, PartitionResult, FinishResult };

const REPORT_EVERY_MS = 2_000;

/**
 * Sends the activity's progress to its workflow as a signal, at most every
 * two seconds: the workflow's progress query can then answer with live
 * figures. Best effort: a lost report only makes the bar move later.
 */
function workflowReporter() {
  const ctx = Context.current();
  let last = 0;
  return (report: SweepActivityReport, force = false) => {
    if (!force && Date.now() - last < REPORT_EVERY_MS) return;
    last = Date.now();
    const workflowId = ctx.info.workflowExecution?.workflowId;
    if (!workflowId) return;
    ctx.client.workflow
      .getHandle(workflowId)
      .signal(sweepReportSignal, report)
      .catch((err: Error) => ctx.log.debug('sweep progress report not delivered', { error: err.message }));
  };
}

/**
 * Runs a step that resumes from a checkpoint: the last heartbeat's details
 * (from a crashed attempt) are its starting point, every new checkpoint is
 * sent as the heartbeat, and the last one is repeated every second while the
 * step works (or loads the sweep's records), so it is never timed out.
 */
async function withCheckpoints<C, T>(step: (c: { resume?: C; onCheckpoint: (c: C) => void }) => Promise<T>): Promise<T> {
  let checkpoint = Context.current().info.heartbeatDetails as C | undefined;
  const beat = setInterval(() => heartbeat(checkpoint), 1000);
  try {
    return await step({
      resume: checkpoint,
      onCheckpoint: (c) => {
        checkpoint = c;
        heartbeat(c);
      },
    });
  } finally {
    clearInterval(beat);
  }
}

/** The dedupe sweep's activities: begin (read and block), score one partition, finish (cluster and write). */
export function createDedupeSweepActivities(deps: ActivityDeps) {
  return {
    async beginSweep(input: { sweepId: string; mode: SweepMode; contactsPerPartition?: number }): Promise<SweepPlan> {
      const report = workflowReporter();
      let read = 0;
      const beat = setInterval(() => heartbeat({ read }), 1000);
      try {
        return await beginSweep({
          sweepId: input.sweepId,
          mode: input.mode,
          contactsPerPartition: input.contactsPerPartition,
          region: deps.defaultPhoneRegion,
          onProgress: (n, expectedContacts, shares) => {
            read = n;
            report({ stage: 'reading', contactsRead: n, expectedContacts, shares });
          },
        });
      } finally {
        clearInterval(beat);
      }
    },

    async scoreSweepPartition(input: { sweepId: string; partition: number; partitions: number }): Promise<PartitionResult> {
      const report = workflowReporter();
      return withCheckpoints<PartitionCheckpoint, PartitionResult>((checkpoints) =>
        scoreSweepPartition({
          ...input,
          region: deps.defaultPhoneRegion,
          ...checkpoints,
          onProgress: (p) => report({ stage: 'matching', partition: input.partition, ...p }),
          cancelled: () => Context.current().cancellationSignal.aborted,
        }),
      );
    },

    async finishSweep(input: { sweepId: string; parts: number[]; pairsScored: number }): Promise<FinishResult> {
      const report = workflowReporter();
      return withCheckpoints<FinishCheckpoint, FinishResult>((checkpoints) =>
        finishSweep({ ...input, region: deps.defaultPhoneRegion, ...checkpoints, onProgress: (p) => report({ stage: 'writing', ...p }, p.written === p.toWrite) }),
      );
    },

    autoMergeCandidates,
    requestAutoMerge,
  };
}
