import type { Types } from 'mongoose';
import { linkListCollection } from '../models/index';

// Each contact's merges, newest last, as keys "<ms>:<mergeId>" in a list
// beside its linked-record lists. The profile shows the survivor's merges
// from it, and unmerge checks that no later merge built on this one.
const historyId = (contactId: Types.ObjectId | string) => `merges:${String(contactId)}`;
const key = (at: Date, mergeId: Types.ObjectId) => `${String(at.getTime()).padStart(14, '0')}:${String(mergeId)}`;

export async function addToMergeHistory(contactIds: Types.ObjectId[], mergeId: Types.ObjectId, at: Date): Promise<void> {
  await linkListCollection.bulkWrite(contactIds.map((id) => ({ updateOne: { filter: { _id: historyId(id) }, update: { $addToSet: { keys: key(at, mergeId) } }, upsert: true } })));
}

export async function removeFromMergeHistory(contactIds: Types.ObjectId[], mergeId: Types.ObjectId, at: Date): Promise<void> {
  await linkListCollection.bulkWrite(contactIds.map((id) => ({ updateOne: { filter: { _id: historyId(id) }, update: { $pullAll: { keys: [key(at, mergeId)] } } } })));
}

/** Merge ids of a contact, oldest first. */
export async function mergeHistory(contactId: Types.ObjectId | string): Promise<string[]> {
  const list = await linkListCollection.findOne({ _id: historyId(contactId) });
  return (list?.keys ?? []).slice().sort().map((k) => k.split(':')[1]!);
}
