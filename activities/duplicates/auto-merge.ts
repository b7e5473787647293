import { Types } from 'mongoose';
import { findContact } from '../../db/contacts/contacts';
import { findDuplicateGroup, setAutoMergeId } from '../../db/duplicates/duplicate-groups';
import { openQueueEntries } from '../../db/duplicates/review-queue-index';
import type { ContactDoc } from '../../db/models/index';
import { defaultChoices } from '../../domain/merge/merge-fields';
import { MAX_MERGE_RECORDS, requestMerge } from '../merge/request-merge';

export const AUTO_MERGE_ACTOR = { id: new Types.ObjectId('000000000000000000a07053'), name: 'Duplicate sweep (auto-merge)' };
export const MAX_AUTO_MERGES_PER_SWEEP = 200; // the rest wait for the next sweep; keeps one sweep's history small

/** Open groups at or above the auto-merge score, of a size one merge can take, most confident first. */
export async function autoMergeCandidates(minScore: number, limit = MAX_AUTO_MERGES_PER_SWEEP): Promise<string[]> {
  // The queue is already in order, most confident first.
  return (await openQueueEntries())
    .filter(([, score, , members]) => score >= minScore && members >= 2 && members <= MAX_MERGE_RECORDS)
    .slice(0, Math.min(limit, MAX_AUTO_MERGES_PER_SWEEP))
    .map(([id]) => id);
}

/**
 * Records the merge of one group, keeping the oldest record and, field by
 * field, its values where it has them (the merge defaults). Returns the merge
 * id, or null when the group changed since the sweep (a member merged or gone).
 * A group already requested returns its existing merge, so a retry starts none twice.
 */
export async function requestAutoMerge(groupId: string): Promise<string | null> {
  const group = await findDuplicateGroup(groupId);
  if (!group || group.status !== 'open') return null;
  if (group.autoMergeId) return group.autoMergeId;
  const contacts = await Promise.all(group.members.map((id) => findContact(new Types.ObjectId(id))));
  const live = contacts.filter((c): c is ContactDoc => c !== null && !c.mergedInto);
  if (live.length !== contacts.length) return null;
  live.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || String(a._id).localeCompare(String(b._id)));
  const survivor = live[0]!;
  const result = await requestMerge({
    survivorId: survivor._id,
    loserIds: live.slice(1).map((c) => c._id),
    choices: defaultChoices(live, String(survivor._id)),
    actor: AUTO_MERGE_ACTOR,
  });
  if (!result.ok) return null;
  await setAutoMergeId(groupId, result.mergeId);
  return result.mergeId;
}
