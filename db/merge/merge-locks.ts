import type { Types } from 'mongoose';
import { MergeConflictError } from '../../domain/merge/merge-conflict-error';
import { mergeLockCollection } from '../models/index';

/**
 * Takes every contact of a merge (or unmerge) for it, or none: a contact
 * already taken by another merge fails the attempt with a clear message.
 * Taking a lock this merge already holds succeeds, so retries are safe.
 */
export async function acquireMergeLocks(mergeId: Types.ObjectId, contactIds: Types.ObjectId[]): Promise<void> {
  const taken: Types.ObjectId[] = [];
  for (const id of contactIds) {
    try {
      await mergeLockCollection.insertOne({ _id: id, mergeId, at: new Date() });
      taken.push(id);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const lock = await mergeLockCollection.findOne({ _id: id });
      if (lock && String(lock.mergeId) !== String(mergeId)) {
        await releaseMergeLocks(mergeId, taken);
        throw new MergeConflictError(`Contact ${String(id)} is being merged or unmerged by another request; try again when it has finished.`);
      }
    }
  }
}

/** Releases this merge's locks; locks of other merges are left alone. */
export async function releaseMergeLocks(mergeId: Types.ObjectId, contactIds: Types.ObjectId[]): Promise<void> {
  for (const id of contactIds) {
    const lock = await mergeLockCollection.findOne({ _id: id });
    if (lock && String(lock.mergeId) === String(mergeId)) await mergeLockCollection.deleteOne({ _id: id });
  }
}
