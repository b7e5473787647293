import type { ActivityDeps } from './deps';
import { createDedupeSweepActivities } from './dedupe-sweep';
import { createImportActivities } from './import-contacts';
import { createMergeActivities } from './merge-contacts';
import { createSeedActivities } from './seed-demo-data';

export type { ActivityDeps } from './deps';
export type { SweepMode, SweepPlan, PartitionResult, FinishResult } from './dedupe-sweep';
export type { SegmentResult, ImportPassMode, UndoResult } from './import-contacts';

/** All activity functions, built from their dependencies. The worker registers this object. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSeedActivities(deps),
    ...createMergeActivities(deps),
    ...createDedupeSweepActivities(deps),
    ...createImportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
