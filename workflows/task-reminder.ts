import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { deliverAsChild } from './deliver-as-child';
import { taskDoneSignal, taskDueMovedSignal } from './messages/task-reminder';
import { remainingReminderSteps, reminderStepKey } from './task-reminder-timing';

const steps = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

export type TaskReminderInput = { taskId: string; dueAt: string };
export type TaskReminderResult = { status: 'done' | 'reminded-out' | 'gone'; reminders: number };

/**
 * A client task's reminders (id `task-<id>`): a race between each
 * reminder's timer and the task being done (samples' "notify unless done"),
 * on the plan of ./task-reminder-timing.ts. A moved due date plans again; a
 * done task ends the workflow. After the last overdue reminder it ends too:
 * the task stays on staff's Overdue list.
 */
export async function TaskReminderWorkflow({ taskId, dueAt }: TaskReminderInput): Promise<TaskReminderResult> {
  let due = Date.parse(dueAt);
  let done = false;
  setHandler(taskDoneSignal, () => void (done = true));
  setHandler(taskDueMovedSignal, (iso) => void (due = Date.parse(iso)));
  const sent = new Set<string>();
  let reminders = 0;
  for (;;) {
    if (done) return { status: 'done', reminders };
    const step = remainingReminderSteps(due, Date.now(), sent)[0];
    if (!step) return { status: 'reminded-out', reminders };
    const seen = due;
    if (await condition(() => done || due !== seen, Math.max(1, step.at - Date.now()))) continue;
    sent.add(reminderStepKey(due, step));
    const r = await steps.remindTask(taskId, { kind: step.kind, n: step.n, expectedDueAt: new Date(due).toISOString(), remindAt: step.at });
    if (r.state === 'done') return { status: 'done', reminders };
    if (r.state === 'gone') return { status: 'gone', reminders };
    if (r.state === 'moved') {
      due = Date.parse(r.dueAt!);
      continue;
    }
    if (r.state !== 'sent') continue; // just given, or no channel open now: the next step tries again
    reminders++;
    await deliverAsChild(r.messageId!, `task-reminder (${step.kind})`, r.channel);
  }
}
