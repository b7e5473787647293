import { Types } from 'mongoose';
import { unmergeBlocker } from '../../activities/merge/request-unmerge';
import { findContact } from '../../db/contacts/contacts';
import { mergeHistory } from '../../db/merge/merge-history';
import { findMergeRecord } from '../../db/merge/merge-records';
import type { MergeRecordDoc } from '../../db/models/index';
import { displayName } from '../../domain/contacts/contact-search-keys';

export type MergeHistoryItem = { merge: MergeRecordDoc; loserNames: string; blocker: string | null };

/** The names of a merge's merged-away contacts, from its snapshot. */
const loserNames = (merge: MergeRecordDoc) => merge.loserIds.map((id) => displayName(merge.snapshot?.contacts[String(id)] ?? {})).join(', ');

/** Merges that kept this contact, newest first, each with whether it can be undone now and why not. */
export async function mergesIntoContact(contactId: Types.ObjectId): Promise<MergeHistoryItem[]> {
  const ids = (await mergeHistory(contactId)).reverse();
  const merges = await Promise.all(ids.map((id) => findMergeRecord(id)));
  const mine = merges.filter((m): m is MergeRecordDoc => !!m && String(m.survivorId) === String(contactId) && (m.status === 'completed' || m.status === 'unmerging'));
  return Promise.all(mine.map(async (merge) => ({ merge, loserNames: loserNames(merge), blocker: await unmergeBlocker(merge) })));
}

/** The one-line notice after a merge, an unmerge, or a redirect from a merged-away contact. */
export async function mergeBanner(contactId: Types.ObjectId, query: { merged?: string; unmerged?: string; mergedFrom?: string }): Promise<string | undefined> {
  if (query.mergedFrom && Types.ObjectId.isValid(query.mergedFrom)) {
    const old = await findContact(new Types.ObjectId(query.mergedFrom));
    if (old && String(old.mergedInto) === String(contactId)) return `${displayName(old)} was merged into this contact; you were brought here from its old address.`;
  }
  const id = query.merged ?? query.unmerged;
  if (!id || !Types.ObjectId.isValid(id)) return undefined;
  const merge = await findMergeRecord(id);
  if (!merge || String(merge.survivorId) !== String(contactId)) return undefined;
  const names = loserNames(merge);
  if (query.merged && merge.status === 'completed') {
    const n = merge.countsAfter!;
    return `Merged ${names} into this contact: it now has ${n.case} case links, ${n.message} messages, ${n.note} notes and ${n.document} documents.`;
  }
  if (query.unmerged && merge.status === 'unmerged') return `Unmerged: ${names} ${merge.loserIds.length === 1 ? 'is' : 'are'} a separate contact again, with ${merge.loserIds.length === 1 ? 'its' : 'their'} own cases, messages, notes and documents.`;
  return undefined;
}
