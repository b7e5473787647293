// TaskReminderWorkflow's signals: the task was done (reminders stop), or staff moved its due date (the plan follows).
import { defineSignal } from '@temporalio/workflow';

export const taskDoneSignal = defineSignal('taskDone');
export const taskDueMovedSignal = defineSignal<[string]>('taskDueMoved');
export const taskWorkflowId = (taskId: string) => `task-${taskId}`;
