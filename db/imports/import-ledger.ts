import { importLedgerCollection, importLedgerWritesCollection, zeroCounts, type ImportCounts, type ImportLedgerBatchDoc, type ImportUndoResult } from '../models/index';
import type { LedgerEntry } from '../../domain/imports/plan-import-batch';
import { parseStoredWrites, storeWrites, type StoredWrites } from './apply-import-writes';

/** Batches of one run are numbered from 0; the _id is a string so FerretDB finds it by index. */
export const ledgerBatchId = (importId: string, batch: number) => `${importId}:${String(batch).padStart(7, '0')}`;

export async function loadLedgerBatch(importId: string, batch: number): Promise<ImportLedgerBatchDoc | null> {
  return importLedgerCollection.findOne({ _id: ledgerBatchId(importId, batch) });
}

/**
 * Writes a batch's plan once: its writes (the large part, in their own
 * collection so the ledger document stays small to update), then its
 * entries. A second writer (a retried activity) keeps the first plan;
 * `planned` says whether this call's plan is the one that counts.
 */
export async function savePlannedBatch(doc: Omit<ImportLedgerBatchDoc, '_id' | 'state' | 'writes'>, writes: StoredWrites): Promise<{ doc: ImportLedgerBatchDoc; planned: boolean }> {
  const _id = ledgerBatchId(doc.importId, doc.batch);
  const full = { ...doc, _id, state: 'planned' as const };
  try {
    await importLedgerWritesCollection.insertOne({ _id, writes: storeWrites(writes) });
    await importLedgerCollection.insertOne(full);
    return { doc: full, planned: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const existing = await loadLedgerBatch(doc.importId, doc.batch);
    if (existing) return { doc: existing, planned: false };
    // An attempt died between saving its writes and its entries, so nothing of its plan was applied: replace it with this one.
    await importLedgerWritesCollection.deleteOne({ _id });
    return savePlannedBatch(doc, writes);
  }
}

/** The exact writes planned for a batch. */
export async function loadPlannedWrites(importId: string, batch: number): Promise<StoredWrites> {
  const doc = await importLedgerWritesCollection.findOne({ _id: ledgerBatchId(importId, batch) });
  if (!doc) throw new Error(`The planned writes of batch ${batch} of import ${importId} are missing`);
  return parseStoredWrites(doc.writes);
}

export async function setLedgerBatchState(importId: string, batch: number, state: ImportLedgerBatchDoc['state']): Promise<void> {
  await importLedgerCollection.updateOne({ _id: ledgerBatchId(importId, batch) }, { $set: { state } });
}

/** Every batch of a run in order, read by _id until the first missing one. */
export async function* readLedger(importId: string): AsyncGenerator<ImportLedgerBatchDoc> {
  for (let batch = 0; ; batch++) {
    const doc = await loadLedgerBatch(importId, batch);
    if (!doc) return;
    yield doc;
  }
}

export const ledgerEntries = (doc: ImportLedgerBatchDoc): LedgerEntry[] => JSON.parse(doc.entries) as LedgerEntry[];

export function countEntries(entries: LedgerEntry[]): ImportCounts {
  const counts = zeroCounts();
  for (const e of entries) counts[e.outcome]++;
  return counts;
}

/** Marks a batch undone together with what undoing it did, in one write, so a retried undo neither loses nor repeats it. */
export async function markLedgerBatchUndone(importId: string, batch: number, undone: ImportUndoResult): Promise<void> {
  await importLedgerCollection.updateOne({ _id: ledgerBatchId(importId, batch) }, { $set: { state: 'undone', undone } });
}
