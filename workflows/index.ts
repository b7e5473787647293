// Every workflow the worker runs, with its queries, signals and updates.
export { SeedDemoDataWorkflow, seedProgressQuery } from './seed-demo-data';
export type { SeedDemoDataInput, SeedProgress, SeedTotals } from './seed-demo-data';
export { MergeContactsWorkflow, UnmergeContactsWorkflow, mergeStepQuery } from './merge-contacts';
export type { MergeContactsInput, MergeResult, MergeStep } from './merge-contacts';
export { DedupeSweepWorkflow, sweepProgressQuery } from './dedupe-sweep';
export type { DedupeSweepInput, DedupeSweepResult } from './dedupe-sweep';
export { ImportContactsWorkflow, UndoImportWorkflow, importProgressQuery } from './import-contacts';
export type { ImportContactsInput, ImportContactsResult, ImportProgress } from './import-contacts';
