// TaskReminderWorkflow's step: a client is reminded of a task by their
// preferred channel through the outbox (quiet hours apply, as to every
// text). The message id is derived from the task, its due time and the
// step, so a retried step queues the reminder once and a moved due date
// reminds again.
import { ApplicationFailure } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import { liveLinkFor } from '../../db/portal/portal-links';
import { findTask } from '../../db/tasks/tasks';
import { PORTAL_TOKEN_SLOT } from '../../domain/portal/portal-token-slot';
import { portalUrl } from '../portal/share-portal-link';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { displayFormat } from '../../domain/text/display-format';
import type { ActivityDeps } from '../deps';
import { optedOutNumbersOf } from '../outbox/opted-out-numbers';
import { queueMessage } from '../outbox/queue-message';

export type TaskReminderKind = 'before' | 'overdue';
export type TaskReminder = { state: 'sent' | 'done' | 'moved' | 'gone' | 'fresh' | 'unreachable'; messageId?: string; channel?: 'email' | 'sms'; dueAt?: string };

const reminderId = (taskId: string, dueAt: string, kind: TaskReminderKind, n: number) =>
  new Types.ObjectId(createHash('sha256').update(`task-reminder:${taskId}:${dueAt}:${kind}:${n}`).digest('hex').slice(0, 24));

export async function remindTask(taskId: Types.ObjectId, o: { kind: TaskReminderKind; n: number; expectedDueAt: string; remindAt: Date; now: Date; publicUrl: string }): Promise<TaskReminder> {
  const task = await findTask(taskId);
  if (!task || task.assignee.kind !== 'client') return { state: 'gone' };
  if (task.doneAt) return { state: 'done' };
  // Moved since the workflow last heard (its signal may be on the way): it plans again from the stored time.
  if (task.dueAt.toISOString() !== o.expectedDueAt) return { state: 'moved', dueAt: task.dueAt.toISOString() };
  // Given after the morning-before reminder's time: the client has just been told, so no "due tomorrow" on top.
  if (o.kind === 'before' && task.createdAt > o.remindAt) return { state: 'fresh' };
  const contact = await findContact(task.assignee.id);
  if (!contact || contact.mergedInto) return { state: 'gone' };
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const channel = availability.preferred;
  if (!channel) return { state: 'unreachable' };
  const kase = await findCase(task.caseId);
  const fmt = displayFormat({ timeZone: contact.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
  const due = fmt.date(task.dueAt);
  const onCase = kase ? ` for case ${kase.number}` : '';
  const what = o.kind === 'before' ? `is due on ${due}` : `was due on ${due} and is not done yet`;
  // A live portal link to the case: the reminder carries a fresh token to it (minted when it is sent), so the client can act at once.
  const link = await liveLinkFor(contact._id, task.caseId, o.now);
  const how = link ? (channel === 'sms' ? 'Do it on your portal:' : 'You can do it on your portal.') : 'You can do it on your client portal: open the newest link we sent you, or ask us for a new one.';
  const queued = await queueMessage({
    contactId: contact._id,
    caseId: task.caseId,
    channel,
    to: availability[channel].recipients[0]!.value,
    subject: o.kind === 'before' ? `Reminder: ${task.title}, due ${due}` : `Overdue: ${task.title}`,
    body: `“${task.title}”${onCase} ${what}. ${how}`,
    purpose: 'task-reminder',
    ...(link ? { link: portalUrl(o.publicUrl, PORTAL_TOKEN_SLOT), linkExpires: fmt.time(link.expiresAt), portalLinkId: link._id } : {}),
    messageId: reminderId(String(task._id), o.expectedDueAt, o.kind, o.n),
  }, o.now);
  return queued.ok ? { state: 'sent', messageId: queued.messageId, channel } : { state: 'unreachable' };
}

export function createTaskActivities(deps: ActivityDeps) {
  return {
    remindTask: (taskId: string, step: { kind: TaskReminderKind; n: number; expectedDueAt: string; remindAt: number }) => {
      if (!Types.ObjectId.isValid(taskId)) throw ApplicationFailure.nonRetryable(`Bad task id ${taskId}`, 'TaskNotFound');
      return remindTask(new Types.ObjectId(taskId), { kind: step.kind, n: step.n, expectedDueAt: step.expectedDueAt, remindAt: new Date(step.remindAt), now: deps.clock(), publicUrl: deps.outbox.publicUrl });
    },
  };
}
