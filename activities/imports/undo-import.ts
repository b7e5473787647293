import { Types } from 'mongoose';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { contactLinkKinds, listId, readLinkLists } from '../../db/contacts/contact-links';
import { deleteContacts, readContactDocument, writeContactFields } from '../../db/contacts/contacts';
import { loadPlannedWrites, markLedgerBatchUndone, readLedger } from '../../db/imports/import-ledger';
import { finishUndoStatus, recordUndoProgress, startUndoStatus } from '../../db/imports/import-pass-status';
import type { ImportUndoResult } from '../../db/models/index';
import { contactSearchKeys, type SearchKeyInput } from '../../domain/contacts/contact-search-keys';

export type UndoResult = ImportUndoResult;
const MAX_REASONS = 50;
// What staff can change on a contact; a created contact whose values differ from what the import wrote was edited since.
const EDITABLE = ['firstName', 'middleName', 'lastName', 'preferredName', 'phones', 'emails', 'address', 'dateOfBirth', 'timezone', 'preferences', 'tags', 'appStatus'];

/**
 * Takes an import back, newest batch first: deletes the contacts it created
 * and sets the fields it changed back to their values before the import.
 * What staff did since is respected: a created contact that has since been
 * linked to a case, note, message or document (or merged) is kept, and a
 * field edited after the import keeps the edit. Each batch is marked undone
 * when finished, so a retried undo skips it.
 */
export async function undoImport(o: { importId: string; now: () => Date; onBatch: () => void }): Promise<UndoResult> {
  await startUndoStatus(o.importId, o.now());
  // One read of the ledger: which batches are left, and what batches undone by an earlier attempt did.
  const batches: number[] = [];
  const total: UndoResult = { deleted: 0, reverted: 0, kept: 0, keptReasons: [] };
  for await (const b of readLedger(o.importId)) {
    if (b.state !== 'undone') batches.push(b.batch);
    else if (b.undone) addTo(total, b.undone);
  }
  for (const batch of batches.reverse()) {
    const result: UndoResult = { deleted: 0, reverted: 0, kept: 0, keptReasons: [] };
    const keep = (reason: string) => {
      result.kept++;
      if (result.keptReasons.length < MAX_REASONS) result.keptReasons.push(reason);
    };
    const writes = await loadPlannedWrites(o.importId, batch);
    const touched: Types.ObjectId[] = [];
    for (const update of writes.updates) {
      const id = new Types.ObjectId(update.id);
      const stored = await readContactDocument(id);
      if (!stored) continue;
      // Compared and restored field by field, by name.
      const current: Record<string, unknown> = stored;
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, ''> = {};
      const editedSince: string[] = [];
      for (const [field, value] of Object.entries(update.before)) {
        if (['sortName', 'nameTokens', 'phoneKeys', 'emailKeys', 'updatedAt'].includes(field)) continue;
        const now = JSON.stringify(current[field] ?? null);
        if (now === JSON.stringify(value ?? null)) continue; // already back (a retried batch)
        if (now !== JSON.stringify(update.set[field] ?? null)) {
          editedSince.push(field);
          continue;
        }
        if (value === null || value === undefined) $unset[field] = '';
        else $set[field] = value;
      }
      if (editedSince.length) keep(`${update.id}: ${editedSince.join(', ')} changed since the import; kept as edited`);
      if (!Object.keys($set).length && !Object.keys($unset).length) continue;
      const restored = { ...current, ...$set };
      for (const f of Object.keys($unset)) delete restored[f];
      // Fully taken back: the contact's last-changed time too; partly (staff edited it since): now.
      const updatedAt = !editedSince.length && update.before.updatedAt ? update.before.updatedAt : o.now();
      // The restored document is a whole contact again, so its search keys are computed from it.
      Object.assign($set, contactSearchKeys(restored as SearchKeyInput), { updatedAt });
      await writeContactFields(id, $set, Object.keys($unset));
      touched.push(id);
      result.reverted++;
    }
    const deletable: Types.ObjectId[] = [];
    for (const created of writes.inserts) {
      const id = created._id;
      const stored = await readContactDocument(id);
      if (!stored) continue;
      const current: Record<string, unknown> = stored;
      const written: Record<string, unknown> = created;
      const linked = await hasLinkedRecords(id);
      const edited = EDITABLE.filter((f) => JSON.stringify(current[f] ?? null) !== JSON.stringify(written[f] ?? null));
      if (current.mergedInto || linked || edited.length) {
        const why = current.mergedInto ? 'merged with another contact' : linked ? `has ${linked} linked to it` : `${edited.join(', ')} edited since the import`;
        keep(`${String(id)}: ${why}; kept`);
        continue;
      }
      deletable.push(id);
    }
    await deleteContacts(deletable);
    result.deleted += deletable.length;
    await recordContactChanges([...touched, ...deletable], `import-undo:${o.importId}`);
    // The batch's own counts go with its state in one write, so a retry neither loses nor repeats them.
    await markLedgerBatchUndone(o.importId, batch, result);
    addTo(total, result);
    await recordUndoProgress(o.importId, total);
    o.onBatch();
  }
  await finishUndoStatus(o.importId, total, o.now());
  return total;
}

function addTo(total: UndoResult, part: UndoResult): void {
  total.deleted += part.deleted;
  total.reverted += part.reverted;
  total.kept += part.kept;
  total.keptReasons.push(...part.keptReasons.slice(0, MAX_REASONS - total.keptReasons.length));
}

/** "2 notes", or '' when nothing links to the contact, read from the link registry's lists. */
async function hasLinkedRecords(id: Types.ObjectId): Promise<string> {
  const lists = await readLinkLists(contactLinkKinds.map((k) => listId(k, id)));
  const parts = contactLinkKinds.flatMap((k) => {
    const n = lists[listId(k, id)]!.length;
    return n ? [`${n} ${k}${n > 1 ? 's' : ''}`] : [];
  });
  return parts.join(', ');
}
