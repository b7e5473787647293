// Bundles and their entries. Every query names a document by _id (FerretDB
// serves nothing else from an index); a bundle's status is written only by
// its workflow's activities, staff's revocation goes to its own field.
import { Types } from 'mongoose';
import { bundleCollection, bundleEntryChunkCollection, type BundleDoc, type BundleEntry, type BundleStatus } from '../models/index';

const ENTRIES_PER_CHUNK = 1000;
const chunkId = (bundleId: Types.ObjectId, n: number) => `${bundleId.toHexString()}:${n}`;

export type NewBundle = Omit<BundleDoc, 'createdAt' | 'updatedAt' | 'attemptKeys' | 'missing' | 'downloads' | 'entryChunks' | 'status'>;

/** Records a bundle being prepared, with its entries (the set of documents, fixed now). */
export async function insertBundle(b: NewBundle, entries: BundleEntry[], now: Date): Promise<void> {
  const entryChunks = Math.ceil(entries.length / ENTRIES_PER_CHUNK);
  for (let n = 0; n < entryChunks; n++) {
    await bundleEntryChunkCollection.insertOne({ _id: chunkId(b._id, n), entries: entries.slice(n * ENTRIES_PER_CHUNK, (n + 1) * ENTRIES_PER_CHUNK) });
  }
  await bundleCollection.insertOne({ ...b, status: 'preparing', entryChunks, attemptKeys: [], missing: 0, downloads: 0, createdAt: now, updatedAt: now });
}

export async function findBundle(id: Types.ObjectId | string): Promise<BundleDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return bundleCollection.findOne({ _id: new Types.ObjectId(id) });
}

/** A bundle's entries, a thousand at a time, in zip order. */
export async function* bundleEntries(bundle: Pick<BundleDoc, '_id' | 'entryChunks'>): AsyncGenerator<BundleEntry[]> {
  for (let n = 0; n < bundle.entryChunks; n++) {
    const chunk = await bundleEntryChunkCollection.findOne({ _id: chunkId(bundle._id, n) });
    if (chunk) yield chunk.entries;
  }
}

export async function recordBundleProgress(id: Types.ObjectId, progress: { filesDone: number; bytesDone: number }, at: Date): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $set: { progress: { ...progress, at }, updatedAt: at } });
}

/** Notes the storage key an attempt writes to before it writes, so a later attempt can delete what a killed one left. */
export async function addBundleAttemptKey(id: Types.ObjectId, key: string): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $addToSet: { attemptKeys: key } });
}

export async function markBundleReady(id: Types.ObjectId, r: { storageKey: string; size: number; missing: number; readyAt: Date; expiresAt: Date; filesDone: number; bytesDone: number }): Promise<void> {
  await bundleCollection.updateOne(
    { _id: id },
    { $set: { status: 'ready', storageKey: r.storageKey, size: r.size, missing: r.missing, readyAt: r.readyAt, expiresAt: r.expiresAt, progress: { filesDone: r.filesDone, bytesDone: r.bytesDone, at: r.readyAt }, updatedAt: r.readyAt } },
  );
}

export async function endBundle(id: Types.ObjectId, status: Exclude<BundleStatus, 'preparing' | 'ready'>, at: Date, reason?: string): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $set: { status, endedAt: at, updatedAt: at, ...(reason ? { statusReason: reason } : {}) }, $unset: { storageKey: 1 } });
}

export async function setBundleEmailMessage(id: Types.ObjectId, messageId: Types.ObjectId): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $set: { emailMessageId: messageId } });
}

/** Staff asked to stop it; the workflow records "cancelled" once the zip-making has stopped. */
export async function markBundleCancelRequested(id: Types.ObjectId, at: Date): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $set: { cancelRequestedAt: at } });
}

export async function markBundleRevoked(id: Types.ObjectId, by: { id: Types.ObjectId; name: string }, at: Date): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $set: { revokedAt: at, revokedBy: by } });
}

export async function countBundleDownload(id: Types.ObjectId): Promise<void> {
  await bundleCollection.updateOne({ _id: id }, { $inc: { downloads: 1 } });
}
