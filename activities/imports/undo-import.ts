import { Types } from 'mongoose';
import { contactSearchKeys } from '../../domain/contacts/contact-search-keys';
import { contactLinkKinds, listId } from '../../db/contacts/contact-links';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { Contact, ImportJob, ImportLedgerBatch, LinkList } from '../../db/models/index';
import { ledgerBatchId, loadPlannedWrites, readLedger } from '../../db/imports/import-ledger';

export type UndoResult = { deleted: number; reverted: number; kept: number; keptReasons: string[] };
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
  await ImportJob.collection.updateOne({ _id: o.importId, 'undo.startedAt': { $exists: false } } as never, { $set: { undo: { startedAt: o.now(), deleted: 0, reverted: 0, kept: 0 } } });
  await ImportJob.collection.updateOne({ _id: o.importId } as never, { $set: { status: 'undoing' } });
  // One read of the ledger: which batches are left, and what batches undone by an earlier attempt did.
  const batches: number[] = [];
  const total: UndoResult = { deleted: 0, reverted: 0, kept: 0, keptReasons: [] };
  for await (const b of readLedger(o.importId)) {
    const undone = (b as { undone?: UndoResult }).undone;
    if (b.state !== 'undone') batches.push(b.batch);
    else if (undone) addTo(total, undone);
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
      const current = await Contact.collection.findOne({ _id: id });
      if (!current) continue;
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
      Object.assign($set, contactSearchKeys(restored as never), { updatedAt });
      await Contact.collection.updateOne({ _id: id }, { $set, ...(Object.keys($unset).length ? { $unset } : {}) });
      touched.push(id);
      result.reverted++;
    }
    const deletable: Types.ObjectId[] = [];
    for (const created of writes.inserts) {
      const id = created._id as Types.ObjectId;
      const current = await Contact.collection.findOne({ _id: id });
      if (!current) continue;
      const linked = await hasLinkedRecords(id);
      const edited = EDITABLE.filter((f) => JSON.stringify(current[f] ?? null) !== JSON.stringify(created[f] ?? null));
      if (current.mergedInto || linked || edited.length) {
        const why = current.mergedInto ? 'merged with another contact' : linked ? `has ${linked} linked to it` : `${edited.join(', ')} edited since the import`;
        keep(`${String(id)}: ${why}; kept`);
        continue;
      }
      deletable.push(id);
    }
    if (deletable.length) {
      // One delete by _id each, not deleteMany with $in: FerretDB v1 answers $in by reading every contact, once per batch.
      await Contact.collection.bulkWrite(deletable.map((_id) => ({ deleteOne: { filter: { _id } } })), { ordered: false });
      result.deleted += deletable.length;
    }
    await recordContactChanges([...touched, ...deletable], `import-undo:${o.importId}`);
    // The batch's own counts go with its state in one write, so a retry neither loses nor repeats them.
    await ImportLedgerBatch.collection.updateOne({ _id: ledgerBatchId(o.importId, batch) } as never, { $set: { state: 'undone', undone: result } });
    addTo(total, result);
    await ImportJob.collection.updateOne({ _id: o.importId } as never, { $set: { 'undo.deleted': total.deleted, 'undo.reverted': total.reverted, 'undo.kept': total.kept } });
    o.onBatch();
  }
  await ImportJob.collection.updateOne({ _id: o.importId } as never, { $set: { status: 'undone', undo: { ...total, startedAt: (await ImportJob.collection.findOne({ _id: o.importId } as never))?.undo?.startedAt ?? o.now(), finishedAt: o.now() } } });
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
  const lists = await Promise.all(contactLinkKinds.map((k) => LinkList.collection.findOne({ _id: listId(k, id) } as never)));
  const parts = contactLinkKinds.flatMap((k, i) => {
    const n = ((lists[i]?.keys as string[] | undefined) ?? []).length;
    return n ? [`${n} ${k}${n > 1 ? 's' : ''}`] : [];
  });
  return parts.join(', ');
}
