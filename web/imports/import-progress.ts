import type { ImportJobDoc, ImportPass } from '../../db/models/index';

export type ImportProgressView = { pass?: ImportPass; label: string; done: number; total?: number; percent?: number; rate?: number; secondsLeft?: number; preparing: boolean };

/**
 * Percent, rate and time left of the running pass. A dry run does not know
 * the row count yet, so its share is the bytes read of the file; the real
 * run knows it from the dry run.
 */
export function importProgress(job: ImportJobDoc): ImportProgressView {
  const undoing = job.status === 'undoing';
  const pass = job.status === 'checking' ? job.dryRun : job.run;
  const label = job.status === 'checking' ? 'Dry run' : undoing ? 'Undo' : 'Import';
  if (!pass) return { label, done: 0, preparing: true };
  const total = job.status === 'checking' ? undefined : job.dryRun?.rowsDone;
  const elapsed = (pass.updatedAt.getTime() - pass.startedAt.getTime()) / 1000;
  const rate = elapsed > 0 && pass.rowsDone > 0 ? pass.rowsDone / elapsed : undefined;
  const percent = total ? Math.min(100, (100 * pass.rowsDone) / total) : job.size ? Math.min(100, (100 * pass.bytesRead) / job.size) : undefined;
  const secondsLeft = total && rate ? Math.max(0, Math.round((total - pass.rowsDone) / rate)) : percent && elapsed && percent > 1 ? Math.round((elapsed * (100 - percent)) / percent) : undefined;
  return { pass, label, done: pass.rowsDone, total, percent, rate: rate ? Math.round(rate) : undefined, secondsLeft, preparing: pass.rowsDone === 0 };
}
