import { purgeEndedSessions } from './sessions';

/** PurgeEndedSessionsWorkflow's activity: one deleteMany, safe to retry. */
export function createSessionActivities() {
  return {
    async purgeEndedSessions(): Promise<{ deleted: number }> {
      return purgeEndedSessions();
    },
  };
}
