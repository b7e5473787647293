import type { ImportPassMode } from '../../domain/imports/import-pass';
import { importJobCollection, zeroCounts, type ImportCounts, type ImportExample, type ImportUndoResult } from '../models/index';

const field = (mode: ImportPassMode) => (mode === 'run' ? 'run' : 'dryRun');

/** Marks a pass as started; a fresh pass's counters start at zero. */
export async function startImportPass(o: { importId: string; mode: ImportPassMode; policy: string; now: Date }): Promise<void> {
  const status = o.mode === 'run' ? 'running' : 'checking';
  await importJobCollection.updateOne({ _id: o.importId }, {
    $set: { status, [field(o.mode)]: { rowsDone: 0, bytesRead: 0, counts: zeroCounts(), startedAt: o.now, updatedAt: o.now, policy: o.policy } },
  });
}

export type PassOutcome = 'completed' | 'failed' | 'cancelled';

/** Records how a pass ended, with its final counts and, for a dry run, the examples. */
export async function finishImportPass(o: { importId: string; mode: ImportPassMode; outcome: PassOutcome; error?: string; examples?: ImportExample[]; now: Date }): Promise<void> {
  const f = field(o.mode);
  const status = o.mode === 'dry' ? (o.outcome === 'completed' ? 'checked' : 'uploaded') : o.outcome;
  await importJobCollection.updateOne({ _id: o.importId }, {
    $set: {
      status,
      [`${f}.finishedAt`]: o.now,
      [`${f}.outcome`]: o.outcome,
      ...(o.error ? { [`${f}.error`]: o.error } : {}),
      ...(o.examples ? { [`${f}.examples`]: o.examples } : {}),
    },
  });
}

/** A segment's progress: rows and bytes done and the counts so far, for the progress bar. */
export async function recordPassProgress(o: { importId: string; mode: ImportPassMode; rowsDone: number; counts: ImportCounts; bytesRead: number; now: Date }): Promise<void> {
  const f = field(o.mode);
  await importJobCollection.updateOne({ _id: o.importId }, { $set: { [`${f}.rowsDone`]: o.rowsDone, [`${f}.counts`]: o.counts, [`${f}.bytesRead`]: o.bytesRead, [`${f}.updatedAt`]: o.now } });
}

/** Marks an import as being undone; the undo's counters start at zero only the first time (a retried undo keeps them). */
export async function startUndoStatus(importId: string, now: Date): Promise<void> {
  await importJobCollection.updateOne({ _id: importId, 'undo.startedAt': { $exists: false } }, { $set: { undo: { startedAt: now, deleted: 0, reverted: 0, kept: 0 } } });
  await importJobCollection.updateOne({ _id: importId }, { $set: { status: 'undoing' } });
}

export async function recordUndoProgress(importId: string, total: ImportUndoResult): Promise<void> {
  await importJobCollection.updateOne({ _id: importId }, { $set: { 'undo.deleted': total.deleted, 'undo.reverted': total.reverted, 'undo.kept': total.kept } });
}

export async function finishUndoStatus(importId: string, total: ImportUndoResult, now: Date): Promise<void> {
  const startedAt = (await importJobCollection.findOne({ _id: importId }, { projection: { undo: 1 } }))?.undo?.startedAt ?? now;
  await importJobCollection.updateOne({ _id: importId }, { $set: { status: 'undone', undo: { ...total, startedAt, finishedAt: now } } });
}
