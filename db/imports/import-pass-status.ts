import { ImportJob, zeroCounts, type ImportExample } from '../models/index';
import type { ImportPassMode } from '../../activities/imports/run-import-segment';

const field = (mode: ImportPassMode) => (mode === 'run' ? 'run' : 'dryRun');

/** Marks a pass as started; a fresh pass's counters start at zero. */
export async function startImportPass(o: { importId: string; mode: ImportPassMode; policy: string; now: Date }): Promise<void> {
  const status = o.mode === 'run' ? 'running' : 'checking';
  await ImportJob.collection.updateOne({ _id: o.importId } as never, {
    $set: { status, [field(o.mode)]: { rowsDone: 0, bytesRead: 0, counts: zeroCounts(), startedAt: o.now, updatedAt: o.now, policy: o.policy } },
  });
}

export type PassOutcome = 'completed' | 'failed' | 'cancelled';

/** Records how a pass ended, with its final counts and, for a dry run, the examples. */
export async function finishImportPass(o: { importId: string; mode: ImportPassMode; outcome: PassOutcome; error?: string; examples?: ImportExample[]; now: Date }): Promise<void> {
  const f = field(o.mode);
  const status = o.mode === 'dry' ? (o.outcome === 'completed' ? 'checked' : 'uploaded') : o.outcome;
  await ImportJob.collection.updateOne({ _id: o.importId } as never, {
    $set: {
      status,
      [`${f}.finishedAt`]: o.now,
      [`${f}.outcome`]: o.outcome,
      ...(o.error ? { [`${f}.error`]: o.error } : {}),
      ...(o.examples ? { [`${f}.examples`]: o.examples } : {}),
    },
  });
}
