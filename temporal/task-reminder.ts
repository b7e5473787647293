// Starting and signalling a client task's TaskReminderWorkflow.
import type { Client } from '@temporalio/client';
import type { TaskReminderInput } from '../workflows/index';
import { taskDoneSignal, taskDueMovedSignal, taskWorkflowId } from '../workflows/messages/task-reminder';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

export type TaskReminderTarget = { taskId: string; dueAt: Date; taskQueue: string; actorId: string };

/** Starts the reminders of a client task (a second start while they run leaves them alone; a reopened task starts them again). */
export async function startTaskReminders(client: Client, o: TaskReminderTarget): Promise<string> {
  const input: TaskReminderInput = { taskId: o.taskId, dueAt: o.dueAt.toISOString() };
  return startWorkflowOnce(client, 'TaskReminderWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: taskWorkflowId(o.taskId),
    args: [input],
    staticSummary: 'Client task reminders: the day before it is due, then when overdue',
    typedSearchAttributes: [
      { key: CasebookKind, value: 'task' },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

const ignoreEnded = (err: Error) => {
  if (err.name !== 'WorkflowNotFoundError') throw err;
};

export async function stopTaskReminders(client: Client, taskId: string): Promise<void> {
  await client.workflow.getHandle(taskWorkflowId(taskId)).signal(taskDoneSignal).catch(ignoreEnded);
}

/** A moved due date: the reminders follow; reminders that had ended (all sent) start again for the new date. */
export async function moveTaskReminders(client: Client, o: TaskReminderTarget): Promise<void> {
  try {
    await client.workflow.getHandle(taskWorkflowId(o.taskId)).signal(taskDueMovedSignal, o.dueAt.toISOString());
  } catch (err) {
    if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
    await startTaskReminders(client, o);
  }
}
