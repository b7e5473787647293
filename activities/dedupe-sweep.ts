import { heartbeat } from '@temporalio/activity';
import { runSweepOnDatabase, type SweepMode, type SweepProgress } from '../db/duplicates/run-sweep-on-database';
import { autoMergeCandidates, requestAutoMerge } from '../db/duplicates/auto-merge';
import type { ActivityDeps } from './deps';

export type { SweepMode, SweepProgress };

/** The dedupe sweep as one heartbeating activity; its progress travels in the heartbeat details. */
export function createDedupeSweepActivities(deps: ActivityDeps) {
  return {
    async dedupeSweep(input: { sweepId: string; mode: SweepMode }): Promise<SweepProgress & { mode: SweepMode }> {
      let last: SweepProgress = { stage: 'reading', contactsRead: 0, pairsScored: 0, groupsFound: 0 };
      const beat = setInterval(() => heartbeat(last), 1000);
      try {
        return await runSweepOnDatabase({ sweepId: input.sweepId, mode: input.mode, region: deps.defaultPhoneRegion, report: (p) => (last = { ...p }) });
      } finally {
        clearInterval(beat);
      }
    },
    autoMergeCandidates,
    requestAutoMerge,
  };
}
