import { heartbeat } from '@temporalio/activity';
import { runSweepOnDatabase, type SweepProgress } from '../db/duplicates/run-sweep-on-database';
import type { ActivityDeps } from './deps';

export type { SweepProgress };

/** The dedupe sweep as one heartbeating activity; its progress travels in the heartbeat details. */
export function createDedupeSweepActivities(deps: ActivityDeps) {
  return {
    async dedupeSweep(input: { sweepId: string }): Promise<SweepProgress> {
      let last: SweepProgress = { stage: 'reading', contactsRead: 0, pairsScored: 0, groupsFound: 0 };
      const beat = setInterval(() => heartbeat(last), 1000);
      try {
        return await runSweepOnDatabase({ sweepId: input.sweepId, region: deps.defaultPhoneRegion, report: (p) => (last = { ...p }) });
      } finally {
        clearInterval(beat);
      }
    },
  };
}
