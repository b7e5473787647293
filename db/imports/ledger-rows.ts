import type { LedgerEntry } from '../../domain/imports/plan-import-batch';
import type { ImportOutcome } from '../models/index';
import { ledgerEntries, readLedger } from './import-ledger';

/** One page of a run's ledger, optionally of one outcome, in file order. */
export async function listLedgerRows(o: { importId: string; outcome?: ImportOutcome; page: number; perPage: number }): Promise<{ rows: LedgerEntry[]; total: number }> {
  const rows: LedgerEntry[] = [];
  let total = 0;
  const from = (o.page - 1) * o.perPage;
  for await (const batch of readLedger(o.importId)) {
    if (o.outcome && !batch.counts[o.outcome]) continue;
    const matching = o.outcome ? batch.counts[o.outcome] : Object.values(batch.counts).reduce((a, b) => a + b, 0);
    // Whole batches before the page are counted from their totals, without unpacking them.
    if (total + matching <= from || rows.length >= o.perPage) {
      total += matching;
      continue;
    }
    for (const e of ledgerEntries(batch)) {
      if (o.outcome && e.outcome !== o.outcome) continue;
      if (total >= from && rows.length < o.perPage) rows.push(e);
      total++;
    }
  }
  return { rows, total };
}

/** The failed rows of a run, in file order, for the error report. */
export async function* failedLedgerRows(importId: string): AsyncGenerator<LedgerEntry> {
  for await (const batch of readLedger(importId)) {
    if (!batch.counts.failed) continue;
    for (const e of ledgerEntries(batch)) if (e.outcome === 'failed') yield e;
  }
}
