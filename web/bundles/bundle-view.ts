// What the Download All region shows for a bundle: its state in staff's
// words, the progress bar's figures, and where its buttons post.
import { Types } from 'mongoose';
import { findBundle } from '../../db/bundles/bundles';
import { bundleRequestId, latestBundleId } from '../../db/bundles/bundle-requests';
import type { BundleDoc } from '../../db/models/index';
import { bundleProgress, durationInWords } from '../../domain/bundles/bundle-progress';

export type BundleScopeRef = { kind: 'contact' | 'case'; id: string };

export const bundleRequestUrl = (scope: BundleScopeRef) => (scope.kind === 'contact' ? `/contacts/${scope.id}/bundles` : `/cases/${scope.id}/bundles`);

export function bundleView(bundle: BundleDoc | null, now: Date) {
  if (!bundle) return { state: 'none' as const };
  const filesDone = bundle.progress?.filesDone ?? 0;
  const bytesDone = bundle.progress?.bytesDone ?? 0;
  const progress = bundleProgress({ filesDone, totalFiles: bundle.totalFiles, bytesDone, totalBytes: bundle.totalBytes, startedAt: bundle.createdAt, now });
  const expired = bundle.status === 'expired' || (bundle.status === 'ready' && bundle.expiresAt !== undefined && bundle.expiresAt <= now);
  const revoked = bundle.status === 'revoked' || Boolean(bundle.revokedAt);
  const state = revoked ? 'revoked' : expired ? 'expired' : bundle.status;
  return {
    state,
    id: String(bundle._id),
    filesDone,
    bytesDone,
    percent: progress.percent,
    rate: progress.bytesPerSecond,
    eta: progress.secondsLeft !== undefined ? durationInWords(progress.secondsLeft) : undefined,
    bundle,
  };
}

/** The Download All region of the signed-in person's latest bundle of a contact or a case (the profile and the case page include it). */
export async function latestBundleRegion(scope: BundleScopeRef, staffId: Types.ObjectId) {
  const id = await latestBundleId(bundleRequestId(scope.kind, new Types.ObjectId(scope.id), staffId));
  const bundle = id ? await findBundle(id) : null;
  return { scope, requestUrl: bundleRequestUrl(scope), view: bundleView(bundle, new Date()) };
}
