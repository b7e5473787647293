import type { ImportOutcome } from './plan-import-batch';

export type { ImportOutcome };

/** A pass over an import file: the dry run decides every row and writes nothing; the run writes. */
export type ImportPassMode = 'dry' | 'run';

export const IMPORT_OUTCOMES: ImportOutcome[] = ['created', 'updated', 'merged', 'skipped', 'failed'];
export type ImportCounts = Record<ImportOutcome, number>;
export const zeroCounts = (): ImportCounts => ({ created: 0, updated: 0, merged: 0, skipped: 0, failed: 0 });
