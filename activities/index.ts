import { createDemoDataActivities } from './demo-data/demo-data-activities';
import type { ActivityDeps } from './deps';
import { createDedupeSweepActivities } from './duplicates/sweep-activities';
import type { createImportActivities } from './imports/import-activities';
import { createMergeActivities } from './merge/merge-activities';
import { createSessionActivities } from './auth/session-activities';
import { createOutboxActivities } from './outbox/outbox-activities';
import { createBundleActivities, type createBundleBuildActivities } from './bundles/bundle-activities';
import { createPortalLinkActivities } from './portal/portal-link-activities';
import { createAppointmentActivities } from './appointments/remind-appointment';
import { createTaskActivities } from './tasks/remind-task';
import { createFormActivities } from './forms/form-request-activities';

export type { ActivityDeps } from './deps';
export type { SweepMode, SweepPlan, PartitionResult, FinishResult } from './duplicates/sweep-activities';
export type { SegmentResult, ImportPassMode, UndoResult } from './imports/import-activities';
export type { DeliveryPlan, SendResult } from './outbox/outbox-activities';
export type { BuildBundleResult, BundleEnd } from './bundles/bundle-activities';
export type { SettledLink } from './portal/portal-link-activities';

/**
 * The activities of the workflows' own task queue, built from their
 * dependencies. The import activities and the making of a bundle's zip are
 * not among them: they run on the imports and bundles queues
 * (workflows/task-queues.ts), registered from ./imports/import-activities
 * and ./bundles/bundle-activities by workers that load nothing else.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDemoDataActivities(deps),
    ...createMergeActivities(deps),
    ...createDedupeSweepActivities(deps),
    ...createSessionActivities(),
    ...createOutboxActivities(deps),
    ...createBundleActivities(deps),
    ...createPortalLinkActivities(deps),
    ...createAppointmentActivities(deps),
    ...createTaskActivities(deps),
    ...createFormActivities(deps),
  };
}

/** Every activity a workflow may call, whichever queue serves it. */
export type Activities = ReturnType<typeof createActivities> & ReturnType<typeof createImportActivities> & ReturnType<typeof createBundleBuildActivities>;
