import { Types } from 'mongoose';
import type { ImportConflict } from '../../domain/imports/combine-import-row';
import { estimatedCount } from '../estimated-count';
import { Contact, contactCollection, type ContactDoc } from '../models/index';
import { findByIds } from './contact-links';

/** The contact with this id (a merged-away contact too: it is a tombstone pointing to its survivor), or null. */
export async function findContact(id: Types.ObjectId): Promise<ContactDoc | null> {
  return Contact.findOne({ _id: id }).lean<ContactDoc>();
}

/** Contacts by id, in the order given (missing ones left out). */
export async function findContacts(ids: (Types.ObjectId | string)[]): Promise<ContactDoc[]> {
  return findByIds<ContactDoc>(Contact, ids.map((id) => new Types.ObjectId(id)));
}

/** Contacts by id, in the order given, merged-away ones left out. */
export async function findLiveContacts(ids: (Types.ObjectId | string)[]): Promise<ContactDoc[]> {
  return (await findContacts(ids)).filter((c) => !c.mergedInto);
}

/** Stores a new contact from its built record (schema defaults filled by Mongoose). */
export async function insertContact(record: Record<string, unknown>, actorId: Types.ObjectId): Promise<ContactDoc> {
  const created = await new Contact({ ...record, createdBy: actorId, updatedBy: actorId }).save();
  return created.toObject() as ContactDoc;
}

/** Replaces the given fields of a contact; returns it as saved, or null when it no longer exists. */
export async function setContactFields(id: Types.ObjectId, fields: Record<string, unknown>, actorId: Types.ObjectId): Promise<ContactDoc | null> {
  return Contact.findOneAndUpdate({ _id: id }, { $set: { ...fields, updatedBy: actorId } }, { returnDocument: 'after' }).lean<ContactDoc>();
}

/** The import conflicts still to settle on a contact; none left removes the field. */
export async function setImportConflicts(id: Types.ObjectId, conflicts: ImportConflict[]): Promise<void> {
  await Contact.updateOne({ _id: id }, conflicts.length ? { $set: { importConflicts: conflicts } } : { $unset: { importConflicts: '' } });
}

/** The contact's denormalized case statuses (the list's case-status filter). */
export async function setCaseStatuses(id: Types.ObjectId, statuses: string[]): Promise<void> {
  await Contact.updateOne({ _id: id }, { $set: { caseStatuses: statuses } });
}

/** Whether the database holds any contact. exists(), not a count: FerretDB counts by reading every document. */
export async function anyContactExists(): Promise<boolean> {
  return (await Contact.exists({})) !== null;
}

/** Whether a contact exists and is live, by id (a merge request checks each of its contacts). */
export async function contactState(id: Types.ObjectId): Promise<'live' | 'merged' | 'missing'> {
  const c = await contactCollection.findOne({ _id: id }, { projection: { mergedInto: 1 } });
  return !c ? 'missing' : c.mergedInto ? 'merged' : 'live';
}

/** The contacts collection's document count from the engine's bookkeeping (merged-away ones included): for progress bars. */
export async function estimatedContactCount(): Promise<number> {
  return estimatedCount(Contact.collection.collectionName);
}

/** A contact's stored document exactly as it is (a merge snapshots it; an unmerge puts it back). */
export async function readContactDocument(id: Types.ObjectId): Promise<ContactDoc | null> {
  return contactCollection.findOne({ _id: id });
}

/** Puts contacts back exactly as they were (an unmerge, from the merge's snapshots). */
export async function replaceContactDocuments(docs: ContactDoc[]): Promise<void> {
  await contactCollection.bulkWrite(docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc } })));
}

/** Gives the survivor of a merge its merged fields and turns the losers into tombstones that point to it. */
export async function writeMergedContacts(o: { survivorId: Types.ObjectId; fields: Record<string, unknown>; updatedBy: Types.ObjectId; loserIds: Types.ObjectId[]; mergeId: Types.ObjectId; now: Date }): Promise<void> {
  await contactCollection.bulkWrite([
    { updateOne: { filter: { _id: o.survivorId }, update: { $set: { ...o.fields, updatedAt: o.now, updatedBy: o.updatedBy } } } },
    ...o.loserIds.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { mergedInto: o.survivorId, mergeId: o.mergeId, updatedAt: o.now } } } })),
  ]);
}

/** Sets and removes fields of a contact as given (an undone import puts its before-images back). */
export async function writeContactFields(id: Types.ObjectId, set: Record<string, unknown>, unset: string[]): Promise<void> {
  await contactCollection.updateOne({ _id: id }, { $set: set, ...(unset.length ? { $unset: Object.fromEntries(unset.map((f) => [f, ''])) } : {}) });
}

/** Deletes contacts by _id: one delete each in a bulk write, not deleteMany with $in, which FerretDB v1 answers by reading every contact. */
export async function deleteContacts(ids: Types.ObjectId[]): Promise<void> {
  if (ids.length) await contactCollection.bulkWrite(ids.map((_id) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
}

/** A contact's SMS preference as set by its own reply (STOP / START), not by staff: the list index hears of it from the caller's change record. */
export async function setSmsDoNotContact(id: Types.ObjectId, doNotText: boolean, at: Date): Promise<void> {
  await contactCollection.updateOne({ _id: id }, { $set: { 'preferences.doNotContact.sms': doNotText, updatedAt: at } });
}

/** Contacts with this E.164 number among their phones (an index on MongoDB; a scan on FerretDB, so callers try a look-up by _id first). */
export async function contactIdsWithPhone(e164: string, limit: number): Promise<Types.ObjectId[]> {
  return (await contactCollection.find({ phoneKeys: e164 }, { projection: { _id: 1 } }).limit(limit).toArray()).map((c) => c._id);
}
