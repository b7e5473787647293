import { Types } from 'mongoose';
import type { Actor } from '../audit';
import { audit } from '../audit';
import { findByIds } from '../contacts/contact-links';
import { Contact, DuplicateGroup, type ContactDoc, type DuplicateGroupDoc } from '../models/index';
import { groupId } from './group-id';
import { markNotDuplicate } from './suggestions';
import { leaveReviewQueue, openQueueEntries } from './review-queue-index';

export type QueueFilter = { band: 'all' | 'high'; kind?: string; page: number };
export type QueueGroup = DuplicateGroupDoc & { contacts: ContactDoc[] };
export const GROUPS_PER_PAGE = 20;
const HIGH_CONFIDENCE = 0.999;

/** Open duplicate groups, most confident first (from the packed queue order), with their (still live) contacts. */
export async function reviewQueue(f: QueueFilter): Promise<{ groups: QueueGroup[]; total: number }> {
  const filtered = (await openQueueEntries()).filter(([, score, kinds]) => (f.band === 'high' ? score >= HIGH_CONFIDENCE : true) && (!f.kind || kinds.split(',').includes(f.kind)));
  const page = filtered.slice((f.page - 1) * GROUPS_PER_PAGE, f.page * GROUPS_PER_PAGE);
  const docs = await Promise.all(page.map(([id]) => loadGroup(id)));
  const groups = await Promise.all(
    docs
      // A group resolved a moment ago, or emptied by ops, is left out.
      .filter((g): g is DuplicateGroupDoc => g !== null && g.status === 'open')
      .map(async (g) => ({ ...g, contacts: (await findByIds<ContactDoc>(Contact, g.members.map((id) => new Types.ObjectId(id)))).filter((c) => !c.mergedInto) })),
  );
  return { groups: groups.filter((g) => g.contacts.length > 1), total: filtered.length };
}

export async function loadGroup(id: string): Promise<DuplicateGroupDoc | null> {
  return (await DuplicateGroup.collection.findOne({ _id: id } as never)) as unknown as DuplicateGroupDoc | null;
}

/** Not a duplicate: every pair in the group is remembered as different people, and the group is closed. */
export async function dismissGroup(group: DuplicateGroupDoc, actor: Actor): Promise<void> {
  const ids = group.members.map((m) => new Types.ObjectId(m));
  for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) await markNotDuplicate(ids[x]!, ids[y]!, actor);
  await resolveGroup(group._id, 'dismissed', actor);
}

export async function resolveGroup(id: string, status: 'dismissed' | 'skipped' | 'merged', actor: Actor): Promise<void> {
  await DuplicateGroup.collection.updateOne({ _id: id } as never, { $set: { status, resolvedBy: { id: actor.id, name: actor.name }, resolvedAt: new Date() } });
  await leaveReviewQueue(id);
  await audit(actor, `duplicate-group.${status}`, { type: 'DuplicateGroup', id: new Types.ObjectId(id) }, { groupId: id });
}

/** After a merge, the group of exactly those contacts (if the sweep found one) is resolved as merged. */
export async function markGroupMerged(memberIds: string[], actor: Actor): Promise<void> {
  const id = groupId(memberIds);
  const group = await loadGroup(id);
  if (group && group.status === 'open') await resolveGroup(id, 'merged', actor);
}
