// Each staff member's latest bundle of a contact or a case. Claiming the
// slot is how two Download All clicks at once end with one bundle: the
// second finds the first's bundle in the slot and reuses it.
import type { Types } from 'mongoose';
import { bundleRequestCollection } from '../models/index';

export const bundleRequestId = (kind: 'contact' | 'case', scopeId: Types.ObjectId, staffId: Types.ObjectId) => `${kind}:${scopeId.toHexString()}:${staffId.toHexString()}`;

export async function latestBundleId(requestId: string): Promise<Types.ObjectId | undefined> {
  return (await bundleRequestCollection.findOne({ _id: requestId }))?.bundleId;
}

/**
 * Points the slot at `bundleId` if it still points where the caller saw it
 * (`previous`, or nothing); returns false when another request got there
 * first. (The filter names more than the _id: the collection holds one small
 * document per staff member and contact, so a scan on FerretDB is cheap.)
 */
export async function claimBundleRequest(requestId: string, bundleId: Types.ObjectId, previous: Types.ObjectId | undefined, at: Date): Promise<boolean> {
  try {
    const result = previous
      ? await bundleRequestCollection.updateOne({ _id: requestId, bundleId: previous }, { $set: { bundleId, at } })
      : await bundleRequestCollection.updateOne({ _id: requestId, bundleId: { $exists: false } }, { $set: { bundleId, at } }, { upsert: true });
    return result.modifiedCount + result.upsertedCount === 1;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false; // the other request's upsert won
    throw err;
  }
}
