// When TaskReminderWorkflow reminds a client of a task: once the morning
// before it falls due, then when it is overdue (the next morning, and a week
// and two weeks after that), never after it is done. A task falls due at
// 17:00 on its day (domain/tasks/task-due.ts), so "the morning before" is 32
// hours earlier and "the next morning" 16 hours later, give or take the hour
// of a DST change. Plain arithmetic: safe in the workflow sandbox.
export type TaskReminderStep = { kind: 'before' | 'overdue'; n: number; at: number };

export const REMIND_BEFORE_DUE_MS = 32 * 3_600_000;
export const FIRST_OVERDUE_REMINDER_MS = 16 * 3_600_000;
export const OVERDUE_REMINDER_EVERY_MS = 7 * 86_400_000;
export const OVERDUE_REMINDERS = 3;

export function taskReminderPlan(dueAt: number): TaskReminderStep[] {
  const steps: TaskReminderStep[] = [{ kind: 'before', n: 0, at: dueAt - REMIND_BEFORE_DUE_MS }];
  for (let n = 1; n <= OVERDUE_REMINDERS; n++) steps.push({ kind: 'overdue', n, at: dueAt + FIRST_OVERDUE_REMINDER_MS + (n - 1) * OVERDUE_REMINDER_EVERY_MS });
  return steps;
}

/**
 * The steps still to come at `now`: a step whose time has passed is skipped
 * when a later step's time has passed too (a workflow started late sends
 * the newest reminder that applies, not every one it missed).
 */
export function remainingReminderSteps(dueAt: number, now: number, sent: ReadonlySet<string>): TaskReminderStep[] {
  // The newest step whose time has passed, in the whole plan: what was sent is left out only after, so an
  // older step that was skipped never comes back once a later one has gone.
  const plan = taskReminderPlan(dueAt);
  const lastPassed = plan.map((s) => s.at <= now).lastIndexOf(true);
  return plan.slice(Math.max(0, lastPassed)).filter((s) => !sent.has(reminderStepKey(dueAt, s)));
}

export const reminderStepKey = (dueAt: number, s: Pick<TaskReminderStep, 'kind' | 'n'>) => `${dueAt}:${s.kind}:${s.n}`;
