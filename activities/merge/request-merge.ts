import { Types } from 'mongoose';
import type { MergeChoices } from '../../domain/merge/merge-fields';
import type { Actor } from '../../db/audit';
import { contactState } from '../../db/contacts/contacts';
import { insertMergeRecord } from '../../db/merge/merge-records';

export const MAX_MERGE_RECORDS = 5;

export type MergeRequestResult = { ok: true; mergeId: string } | { ok: false; reason: string };

/**
 * Records what staff asked for (survivor, losers, field choices) before the
 * workflow starts; the workflow does the rest from this record.
 */
export async function requestMerge(o: { survivorId: Types.ObjectId; loserIds: Types.ObjectId[]; choices: MergeChoices; actor: Actor }): Promise<MergeRequestResult> {
  const ids = [o.survivorId, ...o.loserIds];
  if (o.loserIds.length === 0) return { ok: false, reason: 'Choose at least one other contact to merge.' };
  if (ids.length > MAX_MERGE_RECORDS) return { ok: false, reason: `At most ${MAX_MERGE_RECORDS} contacts can be merged at once.` };
  if (new Set(ids.map(String)).size !== ids.length) return { ok: false, reason: 'A contact was chosen twice.' };
  for (const id of ids) {
    const state = await contactState(id);
    if (state === 'missing') return { ok: false, reason: 'One of the contacts no longer exists.' };
    if (state === 'merged') return { ok: false, reason: 'One of the contacts was already merged into another.' };
  }
  const mergeId = new Types.ObjectId();
  await insertMergeRecord({
    _id: mergeId,
    survivorId: o.survivorId,
    loserIds: o.loserIds,
    choices: { ...o.choices, survivorId: String(o.survivorId) },
    status: 'requested',
    requestedBy: { id: o.actor.id, name: o.actor.name },
    requestedAt: new Date(),
    auditIds: { merge: new Types.ObjectId(), unmerge: new Types.ObjectId() },
  });
  return { ok: true, mergeId: String(mergeId) };
}
