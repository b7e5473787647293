import { ActivityFailure, ApplicationFailure, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index';

const steps = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['MergeConflictError'] },
});

export type MergeContactsInput = { mergeId: string };
export type MergeStep = 'snapshot' | 'moving linked records' | 'updating contacts' | 'verifying' | 'done' | 'failed';
export type MergeResult = { status: 'completed' | 'failed'; reason?: string };
export const mergeStepQuery = defineQuery<MergeStep>('step');

/**
 * Merges contacts as recorded in merge record `mergeId` (who survives, which
 * values it keeps). Four idempotent steps and no transaction: after a crash
 * the worker replays to the step it was in and runs it again safely. Nothing
 * about the contacts passes through history, only the merge id.
 */
export async function MergeContactsWorkflow({ mergeId }: MergeContactsInput): Promise<MergeResult> {
  let step: MergeStep = 'snapshot';
  setHandler(mergeStepQuery, () => step);
  try {
    await steps.snapshotMerge(mergeId);
  } catch (err) {
    const reason = conflictReason(err);
    if (!reason) throw err;
    await steps.failMerge(mergeId, reason);
    step = 'failed';
    return { status: 'failed', reason };
  }
  step = 'moving linked records';
  await steps.moveLinkedRecords(mergeId);
  step = 'updating contacts';
  await steps.applyMergedContact(mergeId);
  step = 'verifying';
  await steps.completeMerge(mergeId);
  step = 'done';
  return { status: 'completed' };
}

/** Undoes merge `mergeId` from its snapshots; the merge record was marked "unmerging" by the request. */
export async function UnmergeContactsWorkflow({ mergeId }: MergeContactsInput): Promise<MergeResult> {
  let step: MergeStep = 'moving linked records';
  setHandler(mergeStepQuery, () => step);
  try {
    await steps.restoreLinkedRecords(mergeId);
  } catch (err) {
    const reason = conflictReason(err);
    if (!reason) throw err;
    step = 'failed';
    return { status: 'failed', reason };
  }
  step = 'updating contacts';
  await steps.restoreContacts(mergeId);
  step = 'verifying';
  await steps.completeUnmerge(mergeId);
  step = 'done';
  return { status: 'completed' };
}

function conflictReason(err: unknown): string | undefined {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'MergeConflictError') return err.cause.message;
  return undefined;
}
