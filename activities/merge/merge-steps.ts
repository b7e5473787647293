import { Types } from 'mongoose';
import { auditOnce } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { changeLinkLists, CONTACT_LINK_KINDS, contactLinkKinds, findArrayLinkedRecords, idOfLinkKey, listId, readLinkLists, relinkAllRecords, setLinkArrays, type ContactLinkKind, type LinkListChange } from '../../db/contacts/contact-links';
import { readContactDocument, writeMergedContacts } from '../../db/contacts/contacts';
import { updateSuggestions } from '../../db/duplicates/suggestions';
import { addToMergeHistory } from '../../db/merge/merge-history';
import { acquireMergeLocks, releaseMergeLocks } from '../../db/merge/merge-locks';
import { findMergeRecord, updateMergeRecord } from '../../db/merge/merge-records';
import type { MergeCounts, MergeRecordDoc, MergeSnapshot } from '../../db/models/index';
import { mergeCaseLinks, type CaseLink } from '../../domain/merge/case-links';
import { MergeConflictError } from '../../domain/merge/merge-conflict-error';
import { mergedContactFields, type MergeableContact } from '../../domain/merge/merge-fields';
import { markGroupMerged } from '../duplicates/resolve-duplicate-group';

// The merge in four idempotent steps. Each step reads the merge record,
// writes only values computed from the snapshot (never from what an earlier
// attempt half-wrote), and can run again after a crash with the same result.
// The snapshot is saved before anything moves, so nothing can be lost.

const arrayPathOf = (kind: ContactLinkKind) => CONTACT_LINK_KINDS[kind].field.split('.')[0]!;

export async function loadMerge(mergeId: string): Promise<MergeRecordDoc> {
  const merge = await findMergeRecord(mergeId);
  if (!merge) throw new Error(`Merge ${mergeId} does not exist`);
  return merge;
}

export const participants = (m: MergeRecordDoc) => [m.survivorId, ...m.loserIds];

/** Step 1: locks the contacts and saves full snapshots of them, their link lists and their cases. */
export async function snapshotMerge(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'requested') return; // snapshot already taken
  await acquireMergeLocks(merge._id, participants(merge));
  const contacts = await Promise.all(participants(merge).map(readContactDocument));
  const snapshot: MergeSnapshot = { contacts: {}, linkLists: {}, caseLinksBefore: {}, caseLinksAfter: {}, caseStatuses: {} };
  for (const [i, c] of contacts.entries()) {
    if (!c) throw new MergeConflictError(`Contact ${String(participants(merge)[i])} no longer exists.`);
    if (c.mergedInto) throw new MergeConflictError(`${c.firstName} ${c.lastName} was already merged into another contact.`);
    snapshot.contacts[String(c._id)] = c;
  }
  const linkLists = await readLinkLists(participants(merge).flatMap((id) => contactLinkKinds.map((kind) => listId(kind, id))));
  snapshot.linkLists = linkLists;
  for (const kind of contactLinkKinds.filter((k) => CONTACT_LINK_KINDS[k].inArray)) {
    const ids = [...new Set(participants(merge).flatMap((p) => linkLists[listId(kind, p)]!.map(idOfLinkKey)))];
    for (const doc of await findArrayLinkedRecords(kind, ids.map((id) => new Types.ObjectId(id)))) {
      const links = (doc[arrayPathOf(kind)] ?? []) as CaseLink[];
      snapshot.caseLinksBefore[String(doc._id)] = links;
      snapshot.caseLinksAfter[String(doc._id)] = mergeCaseLinks(links, String(merge.survivorId), merge.loserIds.map(String), merge.survivorId);
      snapshot.caseStatuses[String(doc._id)] = String(doc.status ?? '');
    }
  }
  const countsBefore = Object.fromEntries(contactLinkKinds.map((kind) => [kind, participants(merge).reduce((n, p) => n + linkLists[listId(kind, p)]!.length, 0)])) as MergeCounts;
  await updateMergeRecord(merge._id, { snapshot, countsBefore, status: 'moving' });
}

/** Step 2: moves every linked record of the losers to the survivor, and their list entries with them. */
export async function moveLinkedRecords(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'moving') return;
  const snap = merge.snapshot!;
  const listChanges: LinkListChange[] = [];
  for (const kind of contactLinkKinds) {
    const loserKeys = merge.loserIds.flatMap((l) => snap.linkLists[listId(kind, l)]!);
    if (CONTACT_LINK_KINDS[kind].inArray) await setLinkArrays(kind, snap.caseLinksAfter);
    else {
      // One statement per loser, whatever it has linked; the snapshot's lists name exactly what moved, for the unmerge.
      for (const loser of merge.loserIds) if (snap.linkLists[listId(kind, loser)]!.length) await relinkAllRecords(kind, loser, merge.survivorId);
    }
    if (loserKeys.length) listChanges.push({ listId: listId(kind, merge.survivorId), add: loserKeys });
    for (const l of merge.loserIds) listChanges.push({ listId: listId(kind, l), set: [] });
  }
  await changeLinkLists(listChanges);
}

/** Step 3: gives the survivor the chosen values and turns the losers into tombstones that point to it. */
export async function applyMergedContact(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'moving') return;
  const snap = merge.snapshot!;
  const contacts: MergeableContact[] = participants(merge).map((id) => snap.contacts[String(id)]!);
  const fields = mergedContactFields(contacts, merge.choices);
  const caseStatuses = [...new Set(Object.entries(snap.caseLinksAfter).filter(([, links]) => (links as CaseLink[]).some((l) => String(l.contactId) === String(merge.survivorId))).map(([id]) => snap.caseStatuses[id]!))];
  await writeMergedContacts({ survivorId: merge.survivorId, fields: { ...fields, caseStatuses }, updatedBy: merge.requestedBy.id, loserIds: merge.loserIds, mergeId: merge._id, now: new Date() });
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
  const countsAfter = {} as MergeCounts;
  const survivorLists = await readLinkLists(contactLinkKinds.map((kind) => listId(kind, merge.survivorId)));
  for (const kind of contactLinkKinds) {
    const after = new Set(survivorLists[listId(kind, merge.survivorId)]);
    const expected = new Set(participants(merge).flatMap((p) => snap.linkLists[listId(kind, p)]!.map((k) => (CONTACT_LINK_KINDS[kind].inArray ? idOfLinkKey(k) : k))));
    const afterIds = CONTACT_LINK_KINDS[kind].inArray ? new Set([...after].map(idOfLinkKey)) : after;
    const missing = [...expected].filter((k) => !afterIds.has(k));
    if (missing.length) throw new Error(`Merge ${mergeId}: ${missing.length} ${kind} link(s) did not reach the survivor`);
    countsAfter[kind] = expected.size;
  }
  const completedAt = new Date();
  await auditOnce(
    merge.auditIds.merge,
    merge.requestedBy,
    'contact.merge',
    { type: 'Contact', id: merge.survivorId },
    { mergeId: String(merge._id), survivorId: String(merge.survivorId), loserIds: merge.loserIds.map(String), fields: merge.choices.fields, countsBefore: merge.countsBefore, countsAfter },
    completedAt,
  );
  await addToMergeHistory(participants(merge), merge._id, merge.requestedAt);
  // The participants' suggestions about each other are settled.
  const settled = new Set(participants(merge).map(String));
  for (const id of participants(merge)) await updateSuggestions(id, (entries) => entries.filter((e) => !settled.has(e.otherId)));
  await markGroupMerged(participants(merge).map(String), merge.requestedBy);
  await updateMergeRecord(merge._id, { status: 'completed', countsAfter, completedAt });
  await releaseMergeLocks(merge._id, participants(merge));
  return countsAfter;
}

/** Marks a merge that could not start (a conflict, a vanished contact) as failed, with the reason staff will see. */
export async function failMerge(mergeId: string, reason: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'requested' && merge.status !== 'moving') return;
  await updateMergeRecord(merge._id, { status: 'failed', error: reason });
  await releaseMergeLocks(merge._id, participants(merge));
}
