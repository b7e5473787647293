import { Types } from 'mongoose';
import { mergeRecordCollection, type MergeRecordDoc } from '../models/index';

// One record per merge (and its unmerge): what staff asked for, the snapshot taken before anything moved, and how it went.

export async function findMergeRecord(mergeId: string | Types.ObjectId): Promise<MergeRecordDoc | null> {
  if (!Types.ObjectId.isValid(mergeId)) return null;
  return mergeRecordCollection.findOne({ _id: new Types.ObjectId(mergeId) });
}

export async function insertMergeRecord(record: MergeRecordDoc): Promise<void> {
  await mergeRecordCollection.insertOne(record);
}

export async function updateMergeRecord(mergeId: Types.ObjectId, set: Partial<MergeRecordDoc>): Promise<void> {
  await mergeRecordCollection.updateOne({ _id: mergeId }, { $set: set });
}
