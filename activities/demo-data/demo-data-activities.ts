import { heartbeat } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { seedDemoBatch, type SeedBatchInput, type SeedBatchResult } from './seed-demo-batch';

/** SeedDemoDataWorkflow's activity; it heartbeats between the kinds it writes, so Temporal notices a dead worker within the heartbeat timeout. */
export function createDemoDataActivities(deps: ActivityDeps) {
  return {
    async seedDemoBatch(input: SeedBatchInput): Promise<SeedBatchResult> {
      return seedDemoBatch(input, { defaultPhoneRegion: deps.defaultPhoneRegion, clock: deps.clock, onKind: (kind) => heartbeat(kind), storage: deps.storage });
    },
  };
}
