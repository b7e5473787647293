import { ImportLedgerBatch, ImportLedgerWrites, zeroCounts, type ImportCounts, type ImportLedgerBatchDoc } from '../models/index';
import type { LedgerEntry } from '../../domain/imports/plan-import-batch';
import { parseStoredWrites, storeWrites, type StoredWrites } from './apply-import-writes';

/** Batches of one run are numbered from 0; the _id is a string so FerretDB finds it by index. */
export const ledgerBatchId = (importId: string, batch: number) => `${importId}:${String(batch).padStart(7, '0')}`;

export async function loadLedgerBatch(importId: string, batch: number): Promise<ImportLedgerBatchDoc | null> {
  return (await ImportLedgerBatch.collection.findOne({ _id: ledgerBatchId(importId, batch) } as never)) as ImportLedgerBatchDoc | null;
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
    await ImportLedgerWrites.collection.insertOne({ _id, writes: storeWrites(writes) } as never);
    await ImportLedgerBatch.collection.insertOne(full as never);
    return { doc: full, planned: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const existing = await loadLedgerBatch(doc.importId, doc.batch);
    if (existing) return { doc: existing, planned: false };
    // An attempt died between saving its writes and its entries, so nothing of its plan was applied: replace it with this one.
    await ImportLedgerWrites.collection.deleteOne({ _id } as never);
    return savePlannedBatch(doc, writes);
  }
}

/** The exact writes planned for a batch. */
export async function loadPlannedWrites(importId: string, batch: number): Promise<StoredWrites> {
  const doc = await ImportLedgerWrites.collection.findOne({ _id: ledgerBatchId(importId, batch) } as never);
  if (!doc) throw new Error(`The planned writes of batch ${batch} of import ${importId} are missing`);
  return parseStoredWrites(doc.writes);
}

export async function setLedgerBatchState(importId: string, batch: number, state: ImportLedgerBatchDoc['state']): Promise<void> {
  await ImportLedgerBatch.collection.updateOne({ _id: ledgerBatchId(importId, batch) } as never, { $set: { state } });
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
