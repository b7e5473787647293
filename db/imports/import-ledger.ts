import { ImportLedgerBatch, type ImportCounts, type ImportLedgerBatchDoc } from '../models/index';
import type { LedgerEntry } from '../../domain/import/plan-import-batch';

/** Batches of one run are numbered from 0; the _id is a string so FerretDB finds it by index. */
export const ledgerBatchId = (importId: string, batch: number) => `${importId}:${String(batch).padStart(7, '0')}`;

export async function loadLedgerBatch(importId: string, batch: number): Promise<ImportLedgerBatchDoc | null> {
  return (await ImportLedgerBatch.collection.findOne({ _id: ledgerBatchId(importId, batch) } as never)) as ImportLedgerBatchDoc | null;
}

/** Writes a batch's plan once; a second writer (a retried activity) keeps the first plan. */
export async function savePlannedBatch(doc: Omit<ImportLedgerBatchDoc, '_id' | 'state'>): Promise<ImportLedgerBatchDoc> {
  const full = { ...doc, _id: ledgerBatchId(doc.importId, doc.batch), state: 'planned' as const };
  try {
    await ImportLedgerBatch.collection.insertOne(full as never);
    return full;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return (await loadLedgerBatch(doc.importId, doc.batch))!;
  }
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
  const counts: ImportCounts = { created: 0, updated: 0, merged: 0, skipped: 0, failed: 0 };
  for (const e of entries) counts[e.outcome]++;
  return counts;
}
