import mongoose, { Types } from 'mongoose';
import { mergeCaseLinks, type CaseLink } from '../../domain/merge/case-links';
import { mergedContactFields, type MergeableContact } from '../../domain/merge/merge-fields';
import { AuditEvent, Contact, LinkList, MergeRecord, type MergeRecordDoc, type MergeSnapshot } from '../../db/models/index';
import { CONTACT_LINK_KINDS, contactLinkKinds, idOfLinkKey, linkedCollection, listId, type ContactLinkKind } from '../../db/contacts/contact-links';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { findManyByIds } from '../../db/merge/find-many-by-ids';
import { acquireMergeLocks, MergeConflictError, releaseMergeLocks } from '../../db/merge/merge-locks';
import { addToMergeHistory } from '../../db/merge/merge-history';
import { markGroupMerged } from '../../db/duplicates/review-queue';
import { updateSuggestions } from '../../db/duplicates/suggestions';

// The merge in four idempotent steps. Each step reads the merge record,
// writes only values computed from the snapshot (never from what an earlier
// attempt half-wrote), and can run again after a crash with the same result.
// The snapshot is saved before anything moves, so nothing can be lost.

const arrayPathOf = (kind: ContactLinkKind) => CONTACT_LINK_KINDS[kind].field.split('.')[0]!;

export async function loadMerge(mergeId: string): Promise<MergeRecordDoc> {
  const merge = await MergeRecord.collection.findOne({ _id: new Types.ObjectId(mergeId) } as never);
  if (!merge) throw new Error(`Merge ${mergeId} does not exist`);
  return merge as unknown as MergeRecordDoc;
}

const participants = (m: MergeRecordDoc) => [m.survivorId, ...m.loserIds];

/** Step 1: locks the contacts and saves full snapshots of them, their link lists and their cases. */
export async function snapshotMerge(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'requested') return; // snapshot already taken
  await acquireMergeLocks(merge._id, participants(merge));
  const contacts = await Promise.all(participants(merge).map((id) => Contact.collection.findOne({ _id: id })));
  for (const [i, c] of contacts.entries()) {
    if (!c) throw new MergeConflictError(`Contact ${String(participants(merge)[i])} no longer exists.`);
    if (c.mergedInto) throw new MergeConflictError(`${c.firstName} ${c.lastName} was already merged into another contact.`);
  }
  const listIds = participants(merge).flatMap((id) => contactLinkKinds.map((kind) => listId(kind, id)));
  const lists = await Promise.all(listIds.map((id) => LinkList.collection.findOne({ _id: id } as never)));
  const linkLists = Object.fromEntries(listIds.map((id, i) => [id, ((lists[i]?.keys as string[] | undefined) ?? [])]));
  const snapshot: MergeSnapshot = { contacts: {}, linkLists, caseLinksBefore: {}, caseLinksAfter: {}, caseStatuses: {} };
  for (const c of contacts) snapshot.contacts[String(c!._id)] = c!;
  for (const kind of contactLinkKinds.filter((k) => CONTACT_LINK_KINDS[k].inArray)) {
    const ids = [...new Set(participants(merge).flatMap((p) => linkLists[listId(kind, p)]!.map(idOfLinkKey)))];
    const docs = await findManyByIds(linkedCollection(kind), ids.map((id) => new Types.ObjectId(id)));
    for (const doc of docs) {
      const links = (doc[arrayPathOf(kind)] ?? []) as CaseLink[];
      snapshot.caseLinksBefore[String(doc._id)] = links;
      snapshot.caseLinksAfter[String(doc._id)] = mergeCaseLinks(links, String(merge.survivorId), merge.loserIds.map(String), merge.survivorId);
      snapshot.caseStatuses[String(doc._id)] = String(doc.status ?? '');
    }
  }
  const countsBefore = Object.fromEntries(contactLinkKinds.map((kind) => [kind, participants(merge).reduce((n, p) => n + linkLists[listId(kind, p)]!.length, 0)]));
  await MergeRecord.collection.updateOne({ _id: merge._id }, { $set: { snapshot, countsBefore, status: 'moving' } });
}

/** Step 2: moves every linked record of the losers to the survivor, and their list entries with them. */
export async function moveLinkedRecords(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'moving') return;
  const snap = merge.snapshot!;
  const listOps: mongoose.mongo.AnyBulkWriteOperation[] = [];
  for (const kind of contactLinkKinds) {
    const { field, inArray } = CONTACT_LINK_KINDS[kind];
    const loserKeys = merge.loserIds.flatMap((l) => snap.linkLists[listId(kind, l)]!);
    if (inArray) {
      const ops = Object.entries(snap.caseLinksAfter).map(([id, links]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $set: { [arrayPathOf(kind)]: links } } } }));
      if (ops.length) await linkedCollection(kind).bulkWrite(ops as never, { ordered: false });
    } else {
      // One statement per loser, whatever it has linked: the contactId index
      // serves it on MongoDB, and on FerretDB one pass beats thousands of
      // single-document updates (0.5 s against 2.3 s for 5,000 messages).
      // The snapshot's lists name exactly what moved, for the unmerge.
      for (const loser of merge.loserIds) {
        if (snap.linkLists[listId(kind, loser)]!.length) await linkedCollection(kind).updateMany({ [field]: loser }, { $set: { [field]: merge.survivorId } });
      }
    }
    if (loserKeys.length) listOps.push({ updateOne: { filter: { _id: listId(kind, merge.survivorId) } as never, update: { $addToSet: { keys: { $each: loserKeys } } } as never, upsert: true } });
    for (const l of merge.loserIds) listOps.push({ updateOne: { filter: { _id: listId(kind, l) } as never, update: { $set: { keys: [] } } as never } });
  }
  await LinkList.collection.bulkWrite(listOps, { ordered: false });
}

/** Step 3: gives the survivor the chosen values and turns the losers into tombstones that point to it. */
export async function applyMergedContact(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'moving') return;
  const snap = merge.snapshot!;
  const contacts = participants(merge).map((id) => snap.contacts[String(id)] as unknown as MergeableContact);
  const fields = mergedContactFields(contacts, merge.choices);
  const caseStatuses = [...new Set(Object.entries(snap.caseLinksAfter).filter(([, links]) => (links as CaseLink[]).some((l) => String(l.contactId) === String(merge.survivorId))).map(([id]) => snap.caseStatuses[id]!))];
  const now = new Date();
  await Contact.collection.bulkWrite([
    { updateOne: { filter: { _id: merge.survivorId }, update: { $set: { ...fields, caseStatuses, updatedAt: now, updatedBy: merge.requestedBy.id } } } },
    ...merge.loserIds.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { mergedInto: merge.survivorId, mergeId: merge._id, updatedAt: now } } } })),
  ]);
  await recordContactChanges(participants(merge));
}

/**
 * Step 4: checks that every linked item reached the survivor (items after =
 * items before, a case both were on counting once), then records the merge,
 * writes the audit event and releases the contacts.
 */
export async function completeMerge(mergeId: string): Promise<MergeRecordDoc['countsAfter']> {
  const merge = await loadMerge(mergeId);
  if (merge.status === 'completed') return merge.countsAfter;
  if (merge.status !== 'moving') throw new Error(`Merge ${mergeId} cannot complete from status ${merge.status}`);
  const snap = merge.snapshot!;
  const countsAfter = {} as NonNullable<MergeRecordDoc['countsAfter']>;
  for (const kind of contactLinkKinds) {
    const list = await LinkList.collection.findOne({ _id: listId(kind, merge.survivorId) } as never);
    const after = new Set((list?.keys as string[] | undefined) ?? []);
    const expected = new Set(participants(merge).flatMap((p) => snap.linkLists[listId(kind, p)]!.map((k) => (CONTACT_LINK_KINDS[kind].inArray ? idOfLinkKey(k) : k))));
    const afterIds = CONTACT_LINK_KINDS[kind].inArray ? new Set([...after].map(idOfLinkKey)) : after;
    const missing = [...expected].filter((k) => !afterIds.has(k));
    if (missing.length) throw new Error(`Merge ${mergeId}: ${missing.length} ${kind} link(s) did not reach the survivor`);
    countsAfter[kind] = expected.size;
  }
  const completedAt = new Date();
  await AuditEvent.collection
    .insertOne({
      _id: merge.auditIds.merge,
      action: 'contact.merge',
      actorId: merge.requestedBy.id,
      actorName: merge.requestedBy.name,
      subjectType: 'Contact',
      subjectId: merge.survivorId,
      details: { mergeId: String(merge._id), survivorId: String(merge.survivorId), loserIds: merge.loserIds.map(String), fields: merge.choices.fields, countsBefore: merge.countsBefore, countsAfter },
      at: completedAt,
    } as never)
    .catch(ignoreDuplicate);
  await addToMergeHistory(participants(merge), merge._id, merge.requestedAt);
  // The participants' suggestions about each other are settled.
  const settled = new Set(participants(merge).map(String));
  for (const id of participants(merge)) await updateSuggestions(id, (entries) => entries.filter((e) => !settled.has(e.otherId)));
  await markGroupMerged(participants(merge).map(String), merge.requestedBy);
  await MergeRecord.collection.updateOne({ _id: merge._id }, { $set: { status: 'completed', countsAfter, completedAt } });
  await releaseMergeLocks(merge._id, participants(merge));
  return countsAfter;
}

/** Marks a merge that could not start (a conflict, a vanished contact) as failed, with the reason staff will see. */
export async function failMerge(mergeId: string, reason: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'requested' && merge.status !== 'moving') return;
  await MergeRecord.collection.updateOne({ _id: merge._id }, { $set: { status: 'failed', error: reason } });
  await releaseMergeLocks(merge._id, participants(merge));
}

export function ignoreDuplicate(err: { code?: number }) {
  if (err.code !== 11000) throw err;
}
