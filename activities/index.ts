import type { ActivityDeps } from './deps';
import { createDedupeSweepActivities } from './dedupe-sweep';
import type { createImportActivities } from './import-contacts';
import { createMergeActivities } from './merge-contacts';
import { createSeedActivities } from './seed-demo-data';

export type { ActivityDeps } from './deps';
export type { SweepMode, SweepPlan, PartitionResult, FinishResult } from './dedupe-sweep';
export type { SegmentResult, ImportPassMode, UndoResult } from './import-contacts';

/**
 * The activities of the workflows' own task queue, built from their
 * dependencies. The import activities are not among them: they run on the
 * imports queue (lib/task-queues.ts), registered from ./import-contacts by
 * a worker that loads nothing else.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSeedActivities(deps),
    ...createMergeActivities(deps),
    ...createDedupeSweepActivities(deps),
  };
}

/** Every activity a workflow may call, whichever queue serves it. */
export type Activities = ReturnType<typeof createActivities> & ReturnType<typeof createImportActivities>;
