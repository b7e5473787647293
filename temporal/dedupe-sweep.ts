// The dedupe sweep on the Temporal side: the nightly Schedule, starting a
// sweep now, and reading a running sweep's progress.
import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { DedupeSweepInput, DedupeSweepResult } from '../workflows/index';
import { sweepProgressQuery, type SweepProgress } from '../workflows/messages/dedupe-sweep';
import { ensureSchedule } from './schedule-exists';
import { CasebookKind } from './search-attributes';

export type { SweepProgress };
type SweepWorkflow = (input: DedupeSweepInput) => Promise<DedupeSweepResult>;

export const DEDUPE_SCHEDULE_ID = 'casebook-dedupe-sweep-nightly';

/**
 * The nightly dedupe sweep as a Temporal Schedule, visible (and pausable)
 * in the Temporal UI. Created if missing; an existing schedule is left as
 * ops or staff set it.
 */
export async function ensureDedupeSchedule(client: Client, o: { taskQueue: string; cron: string; timezone: string; autoMergeAbove?: number }): Promise<'existed' | 'created'> {
  return ensureSchedule(client, {
    scheduleId: DEDUPE_SCHEDULE_ID,
    spec: { cronExpressions: [o.cron], timezone: o.timezone },
    action: {
      type: 'startWorkflow',
      workflowType: 'DedupeSweepWorkflow',
      workflowId: 'dedupe-sweep-nightly',
      taskQueue: o.taskQueue,
      args: [{ mode: 'incremental', autoMergeAbove: o.autoMergeAbove }],
      staticSummary: 'Nightly duplicate sweep (contacts changed since the last sweep against all)',
      typedSearchAttributes: [{ key: CasebookKind, value: 'dedupe-sweep' }],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  });
}

/** Starts a sweep now, with an id that says when and who. */
export async function startDedupeSweep(client: Client, o: { taskQueue: string; actorId: string; mode?: 'full' | 'incremental'; autoMergeAbove?: number; autoMergeLimit?: number; contactsPerPartition?: number }) {
  return client.workflow.start<SweepWorkflow>('DedupeSweepWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: `dedupe-sweep-manual-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    args: [{ mode: o.mode ?? 'full', autoMergeAbove: o.autoMergeAbove, autoMergeLimit: o.autoMergeLimit, contactsPerPartition: o.contactsPerPartition }],
    staticSummary: 'Duplicate sweep started from the dashboard',
    typedSearchAttributes: [{ key: CasebookKind, value: 'dedupe-sweep' }],
  });
}

export type DedupeScheduleState = { exists: boolean; time: string; timezone: string; paused: boolean; nextRuns: Date[] };

/** The nightly sweep's time ("HH:MM"), timezone, paused state and next runs, as the settings page shows them. */
export async function readDedupeSchedule(client: Client): Promise<DedupeScheduleState> {
  try {
    const d = await client.schedule.getHandle(DEDUPE_SCHEDULE_ID).describe();
    const spec = d.spec as { calendars?: { hour?: { start: number }[]; minute?: { start: number }[] }[]; timezone?: string };
    const cal = spec.calendars?.[0];
    const hh = String(cal?.hour?.[0]?.start ?? 2).padStart(2, '0');
    const mm = String(cal?.minute?.[0]?.start ?? 0).padStart(2, '0');
    return { exists: true, time: `${hh}:${mm}`, timezone: spec.timezone ?? 'UTC', paused: d.state.paused, nextRuns: d.info.nextActionTimes.slice(0, 3) };
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return { exists: false, time: '02:00', timezone: 'UTC', paused: false, nextRuns: [] };
    throw err;
  }
}

/** Moves the nightly run to another time and timezone (daily). */
export async function updateDedupeSchedule(client: Client, o: { time: string; timezone: string; taskQueue: string }): Promise<void> {
  const [hour, minute] = o.time.split(':').map(Number) as [number, number];
  await ensureDedupeSchedule(client, { taskQueue: o.taskQueue, cron: `${minute} ${hour} * * *`, timezone: o.timezone });
  await client.schedule.getHandle(DEDUPE_SCHEDULE_ID).update((previous) => ({
    ...previous,
    spec: { calendars: [{ hour, minute, comment: 'nightly duplicate sweep' }], timezone: o.timezone },
  }));
}

export async function setDedupeSchedulePaused(client: Client, paused: boolean, note: string): Promise<void> {
  const handle = client.schedule.getHandle(DEDUPE_SCHEDULE_ID);
  if (paused) await handle.pause(note);
  else await handle.unpause(note);
}

export type SweepWorkflowState = { status: string; progress?: SweepProgress };

/**
 * A sweep's workflow status (RUNNING, COMPLETED, …, or NOT_FOUND) and, while
 * it runs, its progress from the workflow itself (its activities report to it).
 */
export async function readSweepState(client: Client, workflowId: string): Promise<SweepWorkflowState> {
  const handle = client.workflow.getHandle<SweepWorkflow>(workflowId);
  const status = await handle.describe().then(
    (d) => d.status.name as string,
    (err: Error) => {
      if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
      throw err;
    },
  );
  const progress = status === 'RUNNING' ? await handle.query(sweepProgressQuery).catch(() => undefined) : undefined;
  return { status, progress };
}

/** A running sweep's progress, or undefined while it cannot answer. */
export async function readSweepProgress(client: Client, workflowId: string): Promise<SweepProgress | undefined> {
  return client.workflow.getHandle(workflowId).query(sweepProgressQuery).catch(() => undefined);
}
