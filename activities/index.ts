import { createDemoDataActivities } from './demo-data/demo-data-activities';
import type { ActivityDeps } from './deps';
import { createDedupeSweepActivities } from './duplicates/sweep-activities';
import type { createImportActivities } from './imports/import-activities';
import { createMergeActivities } from './merge/merge-activities';
import { createSessionActivities } from './auth/session-activities';
import { createOutboxActivities } from './outbox/outbox-activities';

export type { ActivityDeps } from './deps';
export type { SweepMode, SweepPlan, PartitionResult, FinishResult } from './duplicates/sweep-activities';
export type { SegmentResult, ImportPassMode, UndoResult } from './imports/import-activities';
export type { DeliveryPlan, SendResult } from './outbox/outbox-activities';

/**
 * The activities of the workflows' own task queue, built from their
 * dependencies. The import activities are not among them: they run on the
 * imports queue (workflows/task-queues.ts), registered from
 * ./imports/import-activities by a worker that loads nothing else.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDemoDataActivities(deps),
    ...createMergeActivities(deps),
    ...createDedupeSweepActivities(deps),
    ...createSessionActivities(),
    ...createOutboxActivities(deps),
  };
}

/** Every activity a workflow may call, whichever queue serves it. */
export type Activities = ReturnType<typeof createActivities> & ReturnType<typeof createImportActivities>;
