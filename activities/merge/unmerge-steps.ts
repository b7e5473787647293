import { Types } from 'mongoose';
import { auditOnce } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { changeLinkLists, CONTACT_LINK_KINDS, contactLinkKinds, findArrayLinkedRecords, idOfLinkKey, listId, relinkRecords, setLinkArrays, type LinkListChange } from '../../db/contacts/contact-links';
import { replaceContactDocuments } from '../../db/contacts/contacts';
import { removeFromMergeHistory } from '../../db/merge/merge-history';
import { acquireMergeLocks, releaseMergeLocks } from '../../db/merge/merge-locks';
import { updateMergeRecord } from '../../db/merge/merge-records';
import { unmergeCaseLinks, type CaseLink } from '../../domain/merge/case-links';
import { MergeConflictError } from '../../domain/merge/merge-conflict-error';
import { loadMerge, participants } from './merge-steps';

// Unmerge, in idempotent steps like the merge: every write puts back a value
// taken from the merge's snapshot, so running a step twice changes nothing.

/** Step 1: takes the contacts and gives every moved record back to the contact it came from. */
export async function restoreLinkedRecords(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'unmerging') return;
  try {
    await acquireMergeLocks(merge._id, participants(merge));
  } catch (err) {
    if (err instanceof MergeConflictError) await updateMergeRecord(merge._id, { status: 'completed' });
    throw err;
  }
  const snap = merge.snapshot!;
  const listChanges: LinkListChange[] = [];
  for (const kind of contactLinkKinds) {
    const { field, inArray } = CONTACT_LINK_KINDS[kind];
    const survivorBefore = new Set(snap.linkLists[listId(kind, merge.survivorId)]!);
    if (inArray) {
      const path = field.split('.')[0]!;
      const current = await findArrayLinkedRecords(kind, Object.keys(snap.caseLinksBefore).map((id) => new Types.ObjectId(id)));
      const restored: Record<string, CaseLink[]> = {};
      for (const doc of current) {
        const id = String(doc._id);
        restored[id] = unmergeCaseLinks({
          current: (doc[path] ?? []) as CaseLink[],
          before: snap.caseLinksBefore[id] as CaseLink[],
          afterMerge: snap.caseLinksAfter[id] as CaseLink[],
          survivorId: String(merge.survivorId),
          loserIds: merge.loserIds.map(String),
        });
      }
      await setLinkArrays(kind, restored);
    } else {
      // Exactly the records the merge moved go back, by _id; records linked to the survivor since stay.
      for (const loser of merge.loserIds) await relinkRecords(kind, snap.linkLists[listId(kind, loser)]!.map((k) => new Types.ObjectId(idOfLinkKey(k))), loser);
    }
    const added = merge.loserIds.flatMap((l) => snap.linkLists[listId(kind, l)]!).filter((k) => !survivorBefore.has(k) && !(inArray && [...survivorBefore].some((s) => idOfLinkKey(s) === idOfLinkKey(k))));
    if (added.length) listChanges.push({ listId: listId(kind, merge.survivorId), remove: added });
    for (const l of merge.loserIds) {
      const keys = snap.linkLists[listId(kind, l)]!;
      listChanges.push({ listId: listId(kind, l), set: keys, upsert: keys.length > 0 });
    }
  }
  await changeLinkLists(listChanges);
}

/** Step 2: puts every contact back exactly as it was before the merge. */
export async function restoreContacts(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status !== 'unmerging') return;
  await replaceContactDocuments(participants(merge).map((id) => merge.snapshot!.contacts[String(id)]!));
  await recordContactChanges(participants(merge));
}

/** Step 3: records the unmerge, writes the audit event and releases the contacts. */
export async function completeUnmerge(mergeId: string): Promise<void> {
  const merge = await loadMerge(mergeId);
  if (merge.status === 'unmerged') return;
  if (merge.status !== 'unmerging') throw new Error(`Merge ${mergeId} is not being undone (status ${merge.status})`);
  const at = new Date();
  await auditOnce(
    merge.auditIds.unmerge,
    { id: merge.unmergeRequestedBy?.id, name: merge.unmergeRequestedBy?.name ?? 'system' },
    'contact.unmerge',
    { type: 'Contact', id: merge.survivorId },
    { mergeId: String(merge._id), survivorId: String(merge.survivorId), restored: merge.loserIds.map(String), counts: merge.countsBefore },
    at,
  );
  await removeFromMergeHistory(participants(merge), merge._id, merge.requestedAt);
  await updateMergeRecord(merge._id, { status: 'unmerged', unmergedAt: at });
  await releaseMergeLocks(merge._id, participants(merge));
}
