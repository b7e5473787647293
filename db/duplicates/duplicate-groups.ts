import type { Types } from 'mongoose';
import { duplicateGroupCollection, type DuplicateGroupDoc, type GroupStatus } from '../models/index';

// Groups of contacts the sweep believes are one person; _id made from the members (see group-id.ts).

export async function findDuplicateGroup(id: string): Promise<DuplicateGroupDoc | null> {
  return duplicateGroupCollection.findOne({ _id: id });
}

export type NewGroup = { id: string; members: string[]; score: number; kinds: string[]; reasons: string[] };

/**
 * Inserts the groups not stored yet (a group found before keeps its status:
 * staff may have resolved it) and returns the ids this call inserted.
 */
export async function insertNewGroups(groups: NewGroup[], o: { sweepId: string; now: Date }): Promise<Set<string>> {
  const inserted = new Set<string>();
  if (!groups.length) return inserted;
  const res = await duplicateGroupCollection.bulkWrite(
    groups.map((g) => ({
      updateOne: {
        filter: { _id: g.id },
        update: { $setOnInsert: { _id: g.id, members: g.members, score: g.score, kinds: g.kinds, reasons: g.reasons, status: 'open' as const, sweepId: o.sweepId, foundAt: o.now } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  // The inserted ids themselves, not their positions: FerretDB numbers upsertedIds 0, 1, 2… whatever the ops' positions.
  for (const id of Object.values(res.upsertedIds)) inserted.add(String(id));
  return inserted;
}

/** Of these groups, the ones staff resolved (merged, not a duplicate, skipped); read by _id, 16 side by side. */
export async function resolvedGroupIds(ids: string[]): Promise<Set<string>> {
  const resolved = new Set<string>();
  for (let i = 0; i < ids.length; i += 16) {
    const docs = await Promise.all(ids.slice(i, i + 16).map((id) => duplicateGroupCollection.findOne({ _id: id }, { projection: { status: 1 } })));
    docs.forEach((d, k) => d && d.status !== 'open' && resolved.add(ids[i + k]!));
  }
  return resolved;
}

export async function setGroupResolved(id: string, status: Exclude<GroupStatus, 'open'>, by: { id: Types.ObjectId; name: string }): Promise<void> {
  await duplicateGroupCollection.updateOne({ _id: id }, { $set: { status, resolvedBy: { id: by.id, name: by.name }, resolvedAt: new Date() } });
}

/** Notes the merge the sweep's auto-merge requested for a group, so a retried request finds it. */
export async function setAutoMergeId(id: string, mergeId: string): Promise<void> {
  await duplicateGroupCollection.updateOne({ _id: id }, { $set: { autoMergeId: mergeId } });
}

/** Every group's members, by id (the sweep bench compares two sweeps' groups). */
export async function allGroupMembers(): Promise<{ _id: string; members: string[] }[]> {
  return duplicateGroupCollection.find({}, { projection: { members: 1 } }).toArray();
}

/** Open groups' queue fields, for a first build of the packed review queue. */
export async function openGroupsForQueue(): Promise<Pick<DuplicateGroupDoc, '_id' | 'score' | 'kinds' | 'members'>[]> {
  const groups = await duplicateGroupCollection.find({ status: 'open' }, { projection: { score: 1, kinds: 1, members: 1 } }).toArray();
  // A group found on evidence of no named kind (birth date and place alone) has kinds []; FerretDB v1 gives such an
  // upserted array back as missing, which stopped the first queue build of a sweep (found by the load bench).
  return groups.map((g) => ({ ...g, kinds: g.kinds ?? [] }));
}
