import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findDuplicateGroup, setGroupResolved } from '../../db/duplicates/duplicate-groups';
import { groupId } from '../../db/duplicates/group-id';
import { leaveReviewQueue } from '../../db/duplicates/review-queue-index';
import type { DuplicateGroupDoc, GroupStatus } from '../../db/models/index';
import { markNotDuplicate } from './mark-not-duplicate';

/** Closes a group (merged, not a duplicate, skipped): it leaves the review queue at once, and who did it is audited. */
export async function resolveDuplicateGroup(id: string, status: Exclude<GroupStatus, 'open'>, actor: Actor): Promise<void> {
  await setGroupResolved(id, status, actor);
  await leaveReviewQueue(id);
  await audit(actor, `duplicate-group.${status}`, { type: 'DuplicateGroup', id: new Types.ObjectId(id) }, { groupId: id });
}

/** Not a duplicate: every pair in the group is remembered as different people, and the group is closed. */
export async function dismissDuplicateGroup(group: DuplicateGroupDoc, actor: Actor): Promise<void> {
  const ids = group.members.map((m) => new Types.ObjectId(m));
  for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) await markNotDuplicate(ids[x]!, ids[y]!, actor);
  await resolveDuplicateGroup(group._id, 'dismissed', actor);
}

/** After a merge, the group of exactly those contacts (if the sweep found one) is resolved as merged. */
export async function markGroupMerged(memberIds: string[], actor: Actor): Promise<void> {
  const id = groupId(memberIds);
  const group = await findDuplicateGroup(id);
  if (group && group.status === 'open') await resolveDuplicateGroup(id, 'merged', actor);
}
