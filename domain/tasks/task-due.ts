// When a task is due, in words and in state. A task is due on a day (the
// firm's calendar); it falls due at close of business that day, so a task
// due "today" is not overdue until the evening.
export const TASK_DUE_TIME = '17:00';
export const TASK_DUE_SOON_MS = 2 * 86_400_000;

export type TaskDueState = 'done' | 'overdue' | 'due-soon' | 'open';

export function taskDueState(task: { dueAt?: Date | null; doneAt?: Date | null }, now: Date): TaskDueState {
  if (task.doneAt) return 'done';
  if (!task.dueAt) return 'open';
  const left = task.dueAt.getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= TASK_DUE_SOON_MS ? 'due-soon' : 'open';
}

/** "2026-12-04" plus n days (calendar arithmetic, no timezone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today's date in a timezone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A due date as typed: a real calendar day, not absurdly far off. */
export function dueDateProblem(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'Enter a due date.';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(y, m - 1, d));
  if (parsed.getUTCMonth() !== m - 1 || parsed.getUTCDate() !== d) return 'That day does not exist.';
  if (y < 2000 || y > 2100) return 'Enter a due date between 2000 and 2100.';
  return undefined;
}

/** Whole days a task is overdue by (0 on the day it fell due). */
export function daysOverdue(dueAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / 86_400_000));
}
