import { Context, heartbeat } from '@temporalio/activity';
import { autoMergeCandidates, requestAutoMerge } from '../db/duplicates/auto-merge';
import { beginSweep, type SweepMode, type SweepPlan } from '../db/duplicates/begin-sweep';
import { finishSweep, type FinishCheckpoint, type FinishResult } from '../db/duplicates/finish-sweep';
import { scoreSweepPartition, type PartitionCheckpoint, type PartitionResult } from '../db/duplicates/score-sweep-partition';
import { SWEEP_REPORT_SIGNAL, type SweepActivityReport } from '../domain/matching/sweep/sweep-progress';
import type { ActivityDeps } from './deps';

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
      .signal(SWEEP_REPORT_SIGNAL, report)
      .catch((err: Error) => ctx.log.debug('sweep progress report not delivered', { error: err.message }));
  };
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
      const ctx = Context.current();
      const report = workflowReporter();
      let checkpoint = ctx.info.heartbeatDetails as PartitionCheckpoint | undefined;
      const resume = checkpoint;
      // Until the records are loaded (a worker that has not seen this sweep reads them), heartbeats say so.
      const beat = setInterval(() => heartbeat(checkpoint), 1000);
      try {
        return await scoreSweepPartition({
          ...input,
          region: deps.defaultPhoneRegion,
          resume,
          onCheckpoint: (c) => {
            checkpoint = c;
            heartbeat(c);
          },
          onProgress: (p) => {
            heartbeat(checkpoint);
            report({ stage: 'matching', partition: input.partition, ...p });
          },
          cancelled: () => ctx.cancellationSignal.aborted,
        });
      } finally {
        clearInterval(beat);
      }
    },

    async finishSweep(input: { sweepId: string; parts: number[]; pairsScored: number }): Promise<FinishResult> {
      const ctx = Context.current();
      const report = workflowReporter();
      let checkpoint = ctx.info.heartbeatDetails as FinishCheckpoint | undefined;
      const resume = checkpoint;
      const beat = setInterval(() => heartbeat(checkpoint), 1000);
      try {
        return await finishSweep({
          ...input,
          region: deps.defaultPhoneRegion,
          resume,
          onCheckpoint: (c) => {
            checkpoint = c;
            heartbeat(c);
          },
          onProgress: (p) => report({ stage: 'writing', ...p }, p.written === p.toWrite),
        });
      } finally {
        clearInterval(beat);
      }
    },

    autoMergeCandidates,
    requestAutoMerge,
  };
}
