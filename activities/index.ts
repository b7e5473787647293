import type { ActivityDeps } from './deps';
import { createMergeActivities } from './merge-contacts';
import { createSeedActivities } from './seed-demo-data';

export type { ActivityDeps } from './deps';

/** All activity functions, built from their dependencies. The worker registers this object. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createSeedActivities(deps),
    ...createMergeActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
