// ImportContactsWorkflow's query: how far a pass is.
import { defineQuery } from '@temporalio/workflow';

export type ImportPassCounts = { created: number; updated: number; merged: number; skipped: number; failed: number };
export type ImportProgress = { rowsDone: number; counts: ImportPassCounts };

export const importProgressQuery = defineQuery<ImportProgress>('progress');
