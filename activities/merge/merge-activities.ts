import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { completeMerge, applyMergedContact, failMerge, moveLinkedRecords, snapshotMerge } from './merge-steps';
import { MergeConflictError } from '../../domain/merge/merge-conflict-error';
import { completeUnmerge, restoreContacts, restoreLinkedRecords } from './unmerge-steps';
import type { ActivityDeps } from '../deps';

/**
 * The merge and unmerge steps as activities. Each is idempotent (see
 * activities/merge/merge-steps.ts); a conflict with another merge is not retried but
 * reported, so the workflow can mark the merge failed with the reason.
 */
export function createMergeActivities(deps: ActivityDeps) {
  const step = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      // A step is a few bulk writes; beating while it runs lets Temporal see
      // a killed worker within the heartbeat timeout instead of waiting out
      // the whole start-to-close timeout.
      const beat = setInterval(() => heartbeat(), 1000);
      try {
        heartbeat();
        return await fn(...args);
      } catch (err) {
        if (err instanceof MergeConflictError) throw ApplicationFailure.nonRetryable(err.message, 'MergeConflictError');
        deps.log.warn({ err, step: name }, 'merge step failed; Temporal will retry it');
        throw err;
      } finally {
        clearInterval(beat);
      }
    };
  return {
    snapshotMerge: step('snapshotMerge', snapshotMerge),
    moveLinkedRecords: step('moveLinkedRecords', moveLinkedRecords),
    applyMergedContact: step('applyMergedContact', applyMergedContact),
    completeMerge: step('completeMerge', completeMerge),
    failMerge: step('failMerge', failMerge),
    restoreLinkedRecords: step('restoreLinkedRecords', restoreLinkedRecords),
    restoreContacts: step('restoreContacts', restoreContacts),
    completeUnmerge: step('completeUnmerge', completeUnmerge),
  };
}
