// What the Download All region shows for a bundle: its state in staff's
// words, the progress bar's figures, and where its buttons post.
import { Types } from 'mongoose';
import { findBundle } from '../../db/bundles/bundles';
import { bundleRequestId, latestBundleId } from '../../db/bundles/bundle-requests';
import type { BundleDoc } from '../../db/models/index';
import { bundleProgress, durationInWords } from '../../domain/bundles/bundle-progress';

export type BundleScopeRef = { kind: 'contact' | 'case'; id: string };

export const scopeOf = (bundle: BundleDoc): BundleScopeRef => ({ kind: bundle.scope.kind, id: String(bundle.scope.id) });
export const bundleRequestUrl = (scope: BundleScopeRef) => (scope.kind === 'contact' ? `/contacts/${scope.id}/bundles` : `/cases/${scope.id}/bundles`);
/** Where a bundle's region lives: the profile's Documents card, or the case's Documents tab. */
export const bundleScopeUrl = (scope: BundleScopeRef) => (scope.kind === 'contact' ? `/contacts/${scope.id}#documents` : `/cases/${scope.id}?tab=documents`);

/**
 * The state staff see, from the record and the clock: a revocation or an
 * expiry counts at once, before the workflow has recorded it (every request
 * checks; the workflow's timer only cleans up).
 */
export function bundleState(bundle: BundleDoc, now: Date) {
  if (bundle.status === 'revoked' || bundle.revokedAt) return 'revoked' as const;
  if (bundle.status === 'expired' || (bundle.status === 'ready' && bundle.expiresAt && bundle.expiresAt <= now)) return 'expired' as const;
  return bundle.status;
}

export function bundleView(bundle: BundleDoc | null, now: Date) {
  if (!bundle) return { state: 'none' as const };
  const filesDone = bundle.progress?.filesDone ?? 0;
  const bytesDone = bundle.progress?.bytesDone ?? 0;
  const progress = bundleProgress({ filesDone, totalFiles: bundle.totalFiles, bytesDone, totalBytes: bundle.totalBytes, startedAt: bundle.createdAt, now });
  return {
    state: bundleState(bundle, now),
    id: String(bundle._id),
    filesDone,
    bytesDone,
    percent: progress.percent,
    rate: progress.bytesPerSecond,
    eta: progress.secondsLeft !== undefined ? durationInWords(progress.secondsLeft) : undefined,
    cancelling: bundle.status === 'preparing' && Boolean(bundle.cancelRequestedAt),
    bundle,
  };
}

/** The Download All region's data for a bundle (or none yet) of a contact or a case. */
export function bundleRegion(scope: BundleScopeRef, bundle: BundleDoc | null) {
  return { scope, requestUrl: bundleRequestUrl(scope), view: bundleView(bundle, new Date()) };
}

/** The region of the signed-in person's latest bundle of a contact or a case (the profile and the case page include it). */
export async function latestBundleRegion(scope: BundleScopeRef, staffId: Types.ObjectId) {
  const id = await latestBundleId(bundleRequestId(scope.kind, new Types.ObjectId(scope.id), staffId));
  return bundleRegion(scope, id ? await findBundle(id) : null);
}
