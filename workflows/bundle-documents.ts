import { ActivityCancellationType, ActivityFailure, CancellationScope, condition, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { deliverAsChild } from './deliver-as-child';
import { revokeBundleSignal } from './messages/bundle-documents';
import { bundleTaskQueue } from './task-queues';

const steps = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '30 seconds' } });

export type BundleDocumentsInput = { bundleId: string };
export type BundleDocumentsResult = { status: 'ready' | 'failed' | 'cancelled' | 'expired' | 'revoked'; reason?: string };

/**
 * Download All (id `bundle-<id>`): makes the zip on the bundles queue, emails
 * the requester a link through the outbox, keeps the file for its lifetime
 * on a durable timer and deletes it at expiry, or at once when staff revoke
 * the link. Cancelling the workflow while the zip is made stops it and
 * leaves nothing stored. No personal data enters history: the activities
 * read the bundle record.
 */
export async function BundleDocumentsWorkflow({ bundleId }: BundleDocumentsInput): Promise<BundleDocumentsResult> {
  let revoked = false;
  setHandler(revokeBundleSignal, () => void (revoked = true));
  const making = proxyActivities<Activities>({
    taskQueue: bundleTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: '20 seconds', // it heartbeats as bytes flow (throttled to every 2 s), so a killed worker is seen in 20 s
    // On cancel, wait until the activity has stopped writing: cleaning up before that would race its last chunks.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 10 },
  });

  let expiresAt: string;
  try {
    const built = await making.buildBundle(bundleId);
    // Cancelled while the zip was finishing (the activity hears of it at its next heartbeat): staff asked for nothing to be kept.
    if (CancellationScope.current().consideredCancelled) {
      await CancellationScope.nonCancellable(() => steps.finishBundle(bundleId, 'cancelled'));
      return { status: 'cancelled' };
    }
    if (built.status !== 'ready' || !built.expiresAt) return { status: built.status === 'preparing' ? 'failed' : (built.status as BundleDocumentsResult['status']) };
    expiresAt = built.expiresAt;
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => steps.finishBundle(bundleId, 'cancelled'));
      return { status: 'cancelled' };
    }
    if (!(err instanceof ActivityFailure)) throw err;
    const reason = `The bundle could not be made: ${err.cause?.message ?? err.message}`;
    await steps.finishBundle(bundleId, 'failed', reason);
    return { status: 'failed', reason };
  }

  try {
    const email = await steps.emailBundleLink(bundleId);
    if (email.messageId) {
      // The message's own workflow, as for every outbox message; it outlives this one if it must.
      await deliverAsChild(email.messageId, 'bundle-ready', 'email');
    }
    // The bundle's lifetime: ends at expiry, or when staff revoke the link.
    await condition(() => revoked, Math.max(1, Date.parse(expiresAt) - Date.now()));
  } catch (err) {
    if (!isCancellation(err)) throw err;
    revoked = true; // cancelling a ready bundle is revoking it
  }
  await CancellationScope.nonCancellable(() => steps.finishBundle(bundleId, revoked ? 'revoked' : 'expired'));
  return { status: revoked ? 'revoked' : 'expired' };
}
