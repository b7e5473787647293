import { describe, expect, it } from 'vitest';
import { remainingReminderSteps, reminderStepKey, taskReminderPlan } from './task-reminder-timing';

const due = Date.parse('2026-12-10T23:00:00Z'); // 17:00 in Chicago
const h = 3_600_000;

describe('task reminder plan', () => {
  it('reminds the morning before, then the morning after and weekly twice more', () => {
    expect(taskReminderPlan(due).map((s) => [s.kind, s.n, new Date(s.at).toISOString()])).toEqual([
      ['before', 0, '2026-12-09T15:00:00.000Z'],
      ['overdue', 1, '2026-12-11T15:00:00.000Z'],
      ['overdue', 2, '2026-12-18T15:00:00.000Z'],
      ['overdue', 3, '2026-12-25T15:00:00.000Z'],
    ]);
  });
  it('started late, sends only the newest reminder that applies', () => {
    const steps = remainingReminderSteps(due, due + 20 * h, new Set());
    expect(steps.map((s) => `${s.kind}${s.n}`)).toEqual(['overdue1', 'overdue2', 'overdue3']);
    expect(remainingReminderSteps(due, due - 40 * h, new Set()).map((s) => `${s.kind}${s.n}`)).toEqual(['before0', 'overdue1', 'overdue2', 'overdue3']);
  });
  it('never goes back to the morning-before reminder once an overdue one has gone', () => {
    const sent = new Set([reminderStepKey(due, { kind: 'overdue', n: 1 })]);
    expect(remainingReminderSteps(due, due + 20 * h, sent).map((s) => `${s.kind}${s.n}`)).toEqual(['overdue2', 'overdue3']);
  });
  it('skips what was sent for this due time, not for an earlier one', () => {
    const sent = new Set([reminderStepKey(due, { kind: 'before', n: 0 })]);
    expect(remainingReminderSteps(due, due - 10 * h, sent)[0]).toMatchObject({ kind: 'overdue', n: 1 });
    expect(remainingReminderSteps(due + 86_400_000, due - 10 * h, sent)[0]).toMatchObject({ kind: 'before', n: 0 });
  });
});
