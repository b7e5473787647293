// BundleDocumentsWorkflow's activities. Making the zip runs on the bundles
// task queue (workflows/task-queues.ts), served by a worker that loads only
// this file's code, so its memory is the bundle's; the short steps run on
// the workflows' own queue.
import { ApplicationFailure, CancelledFailure, Context, heartbeat } from '@temporalio/activity';
import { Types } from 'mongoose';
import type { ActivityDeps, ActivityDepsWithoutOutbox } from '../deps';
import { buildBundle, BundleCancelled, BundleNotRecorded, type BuildBundleResult } from './build-bundle';
import { emailBundleLink } from './email-bundle-link';
import { finishBundle, type BundleEnd } from './finish-bundle';

export type { BuildBundleResult, BundleEnd };

const toId = (id: string) => {
  if (!Types.ObjectId.isValid(id)) throw ApplicationFailure.nonRetryable(`Bad bundle id ${id}`, 'BundleNotFound');
  return new Types.ObjectId(id);
};

/** The zip itself: heartbeats with files and bytes done; stops when the workflow is cancelled. */
export function createBundleBuildActivities(deps: ActivityDepsWithoutOutbox) {
  return {
    async buildBundle(bundleId: string): Promise<BuildBundleResult> {
      const ctx = Context.current();
      try {
        return await buildBundle(deps, toId(bundleId), { onProgress: (p) => heartbeat(p), signal: ctx.cancellationSignal });
      } catch (err) {
        if (err instanceof BundleCancelled || ctx.cancellationSignal.aborted) throw new CancelledFailure('Bundle cancelled');
        if (err instanceof BundleNotRecorded) throw ApplicationFailure.retryable(err.message, 'BundleNotRecorded');
        throw err;
      }
    },
  };
}

export function createBundleActivities(deps: ActivityDeps) {
  return {
    emailBundleLink: (bundleId: string): Promise<{ messageId?: string }> => emailBundleLink({ bundleId: toId(bundleId), publicUrl: deps.outbox.publicUrl, now: deps.clock() }),
    finishBundle: (bundleId: string, end: BundleEnd, reason?: string): Promise<void> => finishBundle(deps, toId(bundleId), end, reason),
  };
}
