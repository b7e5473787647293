// A bundle's end: its file deleted from storage (and whatever killed
// attempts left), its status recorded, the end audited. Safe to run twice.
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { endBundle, findBundle } from '../../db/bundles/bundles';
import type { BundleStatus } from '../../db/models/index';
import type { Storage } from '../../storage/storage';

export type BundleEnd = Exclude<BundleStatus, 'preparing' | 'ready'>;

export async function finishBundle(deps: { storage: Storage; clock: () => Date }, bundleId: Types.ObjectId, end: BundleEnd, reason?: string): Promise<void> {
  const bundle = await findBundle(bundleId);
  if (!bundle) return;
  for (const key of new Set([...bundle.attemptKeys, ...(bundle.storageKey ? [bundle.storageKey] : [])])) await deps.storage.delete(key);
  if (bundle.endedAt) return;
  await endBundle(bundle._id, end, deps.clock(), reason);
  await audit(end === 'revoked' && bundle.revokedBy ? bundle.revokedBy : undefined, `bundle.${end === 'expired' ? 'expire' : end === 'revoked' ? 'revoke' : end === 'cancelled' ? 'cancel' : 'fail'}`, { type: 'Bundle', id: bundle._id }, { reason, downloads: bundle.downloads });
}
