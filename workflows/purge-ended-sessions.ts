import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index';

const { purgeEndedSessions } = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: { maximumInterval: '1 minute' } });

/** Deletes staff sessions that ended (revoked, expired or idle); run hourly by the casebook-session-purge-hourly Schedule. */
export async function PurgeEndedSessionsWorkflow(): Promise<{ deleted: number }> {
  return purgeEndedSessions();
}
