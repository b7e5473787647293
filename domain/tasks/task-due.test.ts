import { describe, expect, it } from 'vitest';
import { addDays, daysOverdue, dueDateProblem, taskDueState, todayIn } from './task-due';

describe('task due dates', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  it('tells done, overdue, due soon and open apart', () => {
    expect(taskDueState({ dueAt: new Date('2026-12-01T23:00:00Z'), doneAt: new Date() }, now)).toBe('done');
    expect(taskDueState({ dueAt: new Date('2026-12-01T23:00:00Z') }, now)).toBe('overdue');
    expect(taskDueState({ dueAt: new Date('2026-12-03T23:00:00Z') }, now)).toBe('due-soon');
    expect(taskDueState({ dueAt: new Date('2026-12-20T23:00:00Z') }, now)).toBe('open');
    expect(taskDueState({}, now)).toBe('open');
  });
  it('adds calendar days across months and leap years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it("reads today's date in the firm's zone, not the server's", () => {
    expect(todayIn('Pacific/Auckland', new Date('2026-12-02T12:00:00Z'))).toBe('2026-12-03');
    expect(todayIn('America/Chicago', new Date('2026-12-02T03:00:00Z'))).toBe('2026-12-01');
  });
  it('refuses days that do not exist and far-off years', () => {
    expect(dueDateProblem('2026-02-30')).toBe('That day does not exist.');
    expect(dueDateProblem('')).toBe('Enter a due date.');
    expect(dueDateProblem('1999-12-31')).toMatch(/between/);
    expect(dueDateProblem('2026-12-04')).toBeUndefined();
  });
  it('counts whole days overdue', () => {
    expect(daysOverdue(new Date('2026-12-02T11:00:00Z'), now)).toBe(0);
    expect(daysOverdue(new Date('2026-11-29T11:00:00Z'), now)).toBe(3);
    expect(daysOverdue(new Date('2026-12-09T11:00:00Z'), now)).toBe(0);
  });
});
