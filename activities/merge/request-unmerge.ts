import type { Actor } from '../../db/audit';
import { mergeHistory } from '../../db/merge/merge-history';
import { findMergeRecord, updateMergeRecord } from '../../db/merge/merge-records';
import type { MergeRecordDoc } from '../../db/models/index';
import { loadMerge, participants } from './merge-steps';

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
      const newer = await findMergeRecord(later[later.length - 1]!);
      if (newer && newer.status !== 'unmerged') return 'A later merge involving these contacts depends on this one. Undo the later merge first.';
    }
  }
  return null;
}

/** Marks a completed merge for undoing, so only one unmerge can run; UnmergeContactsWorkflow then puts everything back. */
export async function requestUnmerge(mergeId: string, actor: Actor): Promise<{ ok: true } | { ok: false; reason: string }> {
  const merge = await loadMerge(mergeId);
  const blocker = await unmergeBlocker(merge);
  if (blocker) return { ok: false, reason: blocker };
  await updateMergeRecord(merge._id, { status: 'unmerging', unmergeRequestedBy: { id: actor.id, name: actor.name } });
  return { ok: true };
}
