import { ActivityFailure, ApplicationFailure, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { mergeStepQuery, type MergeStep } from './messages/merge-contacts';

const steps = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['MergeConflictError'] },
});

export type MergeContactsInput = { mergeId: string };
export type MergeResult = { status: 'completed' | 'failed'; reason?: string };

/**
 * Merges contacts as recorded in merge record `mergeId` (who survives, which
 * values it keeps). Four idempotent steps and no transaction: after a crash
 * the worker replays to the step it was in and runs it again safely. Nothing
 * about the contacts passes through history, only the merge id.
 */
export async function MergeContactsWorkflow({ mergeId }: MergeContactsInput): Promise<MergeResult> {
  return runSteps(
    mergeId,
    [
      ['snapshot', steps.snapshotMerge],
      ['moving linked records', steps.moveLinkedRecords],
      ['updating contacts', steps.applyMergedContact],
      ['verifying', steps.completeMerge],
    ],
    (reason) => steps.failMerge(mergeId, reason),
  );
}

/** Undoes merge `mergeId` from its snapshots; the merge record was marked "unmerging" by the request. */
export async function UnmergeContactsWorkflow({ mergeId }: MergeContactsInput): Promise<MergeResult> {
  return runSteps(mergeId, [
    ['moving linked records', steps.restoreLinkedRecords],
    ['updating contacts', steps.restoreContacts],
    ['verifying', steps.completeUnmerge],
  ]);
}

/**
 * Runs the steps in order, each answering the step query while it runs. A
 * conflict with another merge can only arise in the first step (which takes
 * the locks); it ends the workflow as failed, with its reason, instead of retrying.
 */
async function runSteps(mergeId: string, list: [MergeStep, (mergeId: string) => Promise<unknown>][], onConflict?: (reason: string) => Promise<unknown>): Promise<MergeResult> {
  let step: MergeStep = list[0]![0];
  setHandler(mergeStepQuery, () => step);
  for (const [i, [label, run]] of list.entries()) {
    step = label;
    try {
      await run(mergeId);
    } catch (err) {
      const reason = i === 0 ? conflictReason(err) : undefined;
      if (!reason) throw err;
      await onConflict?.(reason);
      step = 'failed';
      return { status: 'failed', reason };
    }
  }
  step = 'done';
  return { status: 'completed' };
}

function conflictReason(err: unknown): string | undefined {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'MergeConflictError') return err.cause.message;
  return undefined;
}
