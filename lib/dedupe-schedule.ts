import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { CasebookKind } from './search-attributes';

export const DEDUPE_SCHEDULE_ID = 'casebook-dedupe-sweep-nightly';

/**
 * The nightly dedupe sweep as a Temporal Schedule, visible (and pausable)
 * in the Temporal UI. Created if missing; an existing schedule is left as
 * ops or staff set it.
 */
export async function ensureDedupeSchedule(client: Client, o: { taskQueue: string; cron: string; timezone: string }): Promise<void> {
  const handle = client.schedule.getHandle(DEDUPE_SCHEDULE_ID);
  try {
    await handle.describe();
    return;
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  await client.schedule
    .create({
      scheduleId: DEDUPE_SCHEDULE_ID,
      spec: { cronExpressions: [o.cron], timezone: o.timezone },
      action: {
        type: 'startWorkflow',
        workflowType: 'DedupeSweepWorkflow',
        workflowId: 'dedupe-sweep-nightly',
        taskQueue: o.taskQueue,
        args: [],
        staticSummary: 'Nightly duplicate sweep over all contacts',
        typedSearchAttributes: [{ key: CasebookKind, value: 'dedupe-sweep' }],
      },
      policies: { overlap: 'SKIP' as never, catchupWindow: '1 hour' },
    })
    .catch((err: Error) => {
      if (err.name !== 'ScheduleAlreadyRunning') throw err;
    });
}

/** Starts a sweep now, with an id that says when and who. */
export async function startDedupeSweep(client: Client, o: { taskQueue: string; actorId: string }) {
  return client.workflow.start('DedupeSweepWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: `dedupe-sweep-manual-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    args: [],
    staticSummary: 'Duplicate sweep started from the dashboard',
    typedSearchAttributes: [{ key: CasebookKind, value: 'dedupe-sweep' }],
  });
}
