import mongoose, { Types } from 'mongoose';
import { unmergeCaseLinks, type CaseLink } from '../../domain/merge/case-links';
import { CONTACT_LINK_KINDS, contactLinkKinds, idOfLinkKey, linkedCollection, listId } from '../../db/contacts/contact-links';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { AuditEvent, Contact, LinkList, MergeRecord, type MergeRecordDoc } from '../../db/models/index';
import { findManyByIds } from '../../db/merge/find-many-by-ids';
import { acquireMergeLocks, MergeConflictError, releaseMergeLocks } from '../../db/merge/merge-locks';
import { mergeHistory, removeFromMergeHistory } from '../../db/merge/merge-history';
import { ignoreDuplicate, loadMerge } from './merge-steps';

// Unmerge, in idempotent steps like the merge: every write puts back a value
// taken from the merge's snapshot, so running a step twice changes nothing.

const participants = (m: MergeRecordDoc) => [m.survivorId, ...m.loserIds];

/** Why this merge cannot be undone now, or null when it can. */
export async function unmergeBlocker(merge: MergeRecordDoc): Promise<string | null> {
  if (merge.status === 'unmerged') return 'This merge was already undone.';
  if (merge.status === 'unmerging') return 'This merge is being undone.';
  if (merge.status !== 'completed') return 'Only a completed merge can be undone.';
  // A later merge that involved any of these contacts built on this one.
  for (const id of participants(merge)) {
    const history = await mergeHistory(id);
    const later = history.slice(history.indexOf(String(merge._id)) + 1);
    if (later.length) {
      const newer = await MergeRecord.collection.findOne({ _id: new Types.ObjectId(later[later.length - 1]!) });
      if (newer && newer.status !== 'unmerged') return 'A later merge involving these contacts depends on this one. Undo the later merge first.';
    }
  }
  return null;
}

/** Marks a completed merge for undoing, so only one unmerge can run. */
export async function requestUnmerge(mergeId: string, actor: { id: Types.ObjectId; name: string }): Promise<{ ok: true } | { ok: false; reason: string }> {
  const merge = await loadMerge(mergeId);
  const blocker = await unmergeBlocker(merge);
  if (blocker) return { ok: false, reason: blocker };
  await MergeRecord.collection.updateOne({ _id: merge._id }, { $set: { status: 'unmerging', unmergeRequestedBy: actor } });
  return { ok: true };
}

/** Step 1: takes the contacts and gives every moved record back to the contact it came from. */
export async function restoreLinkedRecords(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'unmerging') return;
  try {
    await acquireMergeLocks(merge._id, participants(merge));
  } catch (err) {
    if (err instanceof MergeConflictError) await MergeRecord.collection.updateOne({ _id: merge._id }, { $set: { status: 'completed' } });
    throw err;
  }
  const snap = merge.snapshot!;
  const listOps: mongoose.mongo.AnyBulkWriteOperation[] = [];
  for (const kind of contactLinkKinds) {
    const { field, inArray } = CONTACT_LINK_KINDS[kind];
    const survivorBefore = new Set(snap.linkLists[listId(kind, merge.survivorId)]!);
    if (inArray) {
      const caseIds = Object.keys(snap.caseLinksBefore).map((id) => new Types.ObjectId(id));
      const current = await findManyByIds(linkedCollection(kind), caseIds);
      const path = field.split('.')[0]!;
      const ops = current.map((doc) => {
        const id = String(doc._id);
        const links = unmergeCaseLinks({
          current: (doc[path] ?? []) as CaseLink[],
          before: snap.caseLinksBefore[id] as CaseLink[],
          afterMerge: snap.caseLinksAfter[id] as CaseLink[],
          survivorId: String(merge.survivorId),
          loserIds: merge.loserIds.map(String),
        });
        return { updateOne: { filter: { _id: doc._id }, update: { $set: { [path]: links } } } };
      });
      if (ops.length) await linkedCollection(kind).bulkWrite(ops as never, { ordered: false });
    } else {
      // Exactly the records the merge moved go back, by _id; records linked to the survivor since stay.
      for (const loser of merge.loserIds) {
        const ids = snap.linkLists[listId(kind, loser)]!.map((k) => new Types.ObjectId(idOfLinkKey(k)));
        for (let i = 0; i < ids.length; i += 10_000) await linkedCollection(kind).updateMany({ _id: { $in: ids.slice(i, i + 10_000) } }, { $set: { [field]: loser } });
      }
    }
    const added = merge.loserIds.flatMap((l) => snap.linkLists[listId(kind, l)]!).filter((k) => !survivorBefore.has(k) && !(inArray && [...survivorBefore].some((s) => idOfLinkKey(s) === idOfLinkKey(k))));
    if (added.length) listOps.push({ updateOne: { filter: { _id: listId(kind, merge.survivorId) } as never, update: { $pullAll: { keys: added } } as never } });
    for (const l of merge.loserIds) {
      const keys = snap.linkLists[listId(kind, l)]!;
      listOps.push({ updateOne: { filter: { _id: listId(kind, l) } as never, update: { $set: { keys } } as never, upsert: keys.length > 0 } });
    }
  }
  await LinkList.collection.bulkWrite(listOps, { ordered: false });
}

/** Step 2: puts every contact back exactly as it was before the merge. */
export async function restoreContacts(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'unmerging') return;
  await Contact.collection.bulkWrite(
    participants(merge).map((id) => ({ replaceOne: { filter: { _id: id }, replacement: merge.snapshot!.contacts[String(id)] as never } })),
  );
  await recordContactChanges(participants(merge));
}

/** Step 3: records the unmerge, writes the audit event and releases the contacts. */
export async function completeUnmerge(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status === 'unmerged') return;
  if (merge.status !== 'unmerging') throw new Error(`Merge ${mergeId} is not being undone (status ${merge.status})`);
  const at = new Date();
  await AuditEvent.collection
    .insertOne({
      _id: merge.auditIds.unmerge,
      action: 'contact.unmerge',
      actorId: merge.unmergeRequestedBy?.id,
      actorName: merge.unmergeRequestedBy?.name ?? 'system',
      subjectType: 'Contact',
      subjectId: merge.survivorId,
      details: { mergeId: String(merge._id), survivorId: String(merge.survivorId), restored: merge.loserIds.map(String), counts: merge.countsBefore },
      at,
    } as never)
    .catch(ignoreDuplicate);
  await removeFromMergeHistory(participants(merge), merge._id, merge.requestedAt);
  await MergeRecord.collection.updateOne({ _id: merge._id }, { $set: { status: 'unmerged', unmergedAt: at } });
  await releaseMergeLocks(merge._id, participants(merge));
}
