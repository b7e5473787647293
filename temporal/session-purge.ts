// The hourly purge of ended staff sessions, as a Temporal Schedule ops can see and pause.
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { ensureSchedule } from './schedule-exists';
import { CasebookKind } from './search-attributes';

export const SESSION_PURGE_SCHEDULE_ID = 'casebook-session-purge-hourly';

/** Creates the Schedule if missing; one that exists is left as ops set it. Safe when several servers start at once. */
export async function ensureSessionPurgeSchedule(client: Client, o: { taskQueue: string }): Promise<'existed' | 'created'> {
  return ensureSchedule(client, {
    scheduleId: SESSION_PURGE_SCHEDULE_ID,
    spec: { intervals: [{ every: '1 hour' }] },
    action: {
      type: 'startWorkflow',
      workflowType: 'PurgeEndedSessionsWorkflow',
      workflowId: 'session-purge-hourly',
      taskQueue: o.taskQueue,
      args: [],
      staticSummary: 'Deletes staff sessions that were revoked, expired or left idle',
      typedSearchAttributes: [{ key: CasebookKind, value: 'session-purge' }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  });
}
