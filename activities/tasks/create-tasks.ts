// Staff put tasks on a case: one by one, or several at once from a template
// (due dates counted from today in the firm's calendar). The caller then
// starts each client task's TaskReminderWorkflow (temporal/task-reminder.ts).
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findStaffUser } from '../../db/admin/staff-users';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import type { CaseDoc, TaskActor, TaskDoc } from '../../db/models/index';
import { insertTasks } from '../../db/tasks/tasks';
import { config } from '../../config/config';
import { zonedTimeToInstant } from '../../domain/appointments/zoned-time';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { addDays, dueDateProblem, TASK_DUE_TIME, todayIn } from '../../domain/tasks/task-due';
import { taskTemplate } from '../../domain/tasks/task-templates';

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 2000;
export const CHECKLIST_MAX_ITEMS = 20;

/** Who a task is for, as the form sends it: "staff:<id>" or "client:<id>". */
export type TaskInput = { title: string; description?: string; assignee: string; dueOn: string; checklist?: string; asksForFile?: boolean };
export type CreateTasksResult = { ok: true; tasks: TaskDoc[] } | { ok: false; errors: Record<string, string> };

const staffActor = (a: Actor): TaskActor => ({ kind: 'staff', id: a.id, name: a.name });

/** The assignee named by the form: a staff member, or a contact who is on the case (and not merged away). */
async function resolveAssignee(kase: CaseDoc, value: string): Promise<TaskActor | undefined> {
  const [kind, id] = value.split(':');
  if (!id || !Types.ObjectId.isValid(id)) return undefined;
  if (kind === 'staff') {
    const staff = await findStaffUser(new Types.ObjectId(id));
    return staff && !staff.disabledAt ? { kind: 'staff', id: staff._id, name: staff.name } : undefined;
  }
  if (kind !== 'client' || !kase.contacts.some((l) => l.contactId.equals(id))) return undefined;
  const contact = await findContact(new Types.ObjectId(id));
  return contact && !contact.mergedInto ? { kind: 'client', id: contact._id, name: displayName(contact) } : undefined;
}

export function dueAtOf(dueOn: string): Date {
  return zonedTimeToInstant(dueOn, TASK_DUE_TIME, config.FIRM_TIMEZONE)!;
}

function checklistOf(text: string | undefined) {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, CHECKLIST_MAX_ITEMS + 1).map((label) => ({ id: randomUUID().slice(0, 8), label: label.slice(0, 200) }));
}

export async function createTask(o: { caseId: Types.ObjectId; input: TaskInput; actor: Actor; now?: Date }): Promise<CreateTasksResult> {
  const kase = await findCase(o.caseId);
  if (!kase) return { ok: false, errors: { form: 'There is no such case.' } };
  const errors: Record<string, string> = {};
  const title = o.input.title.trim();
  if (!title) errors.title = 'Give the task a title.';
  else if (title.length > TASK_TITLE_MAX) errors.title = `A title can be at most ${TASK_TITLE_MAX} characters.`;
  const description = (o.input.description ?? '').trim();
  if (description.length > TASK_DESCRIPTION_MAX) errors.description = `A description can be at most ${TASK_DESCRIPTION_MAX.toLocaleString('en-US')} characters.`;
  const dueProblem = dueDateProblem(o.input.dueOn);
  if (dueProblem) errors.dueOn = dueProblem;
  const assignee = await resolveAssignee(kase, o.input.assignee);
  if (!assignee) errors.assignee = 'Choose who does this: a staff member, or a contact on this case.';
  const checklist = checklistOf(o.input.checklist);
  if (checklist.length > CHECKLIST_MAX_ITEMS) errors.checklist = `A checklist can have at most ${CHECKLIST_MAX_ITEMS} items.`;
  if (o.input.asksForFile && assignee?.kind === 'staff') errors.asksForFile = 'Only a client task asks for a file (staff upload on the Documents tab).';
  if (Object.keys(errors).length) return { ok: false, errors };
  const now = o.now ?? new Date();
  const task: TaskDoc = {
    _id: new Types.ObjectId(), caseId: kase._id, title, description: description || undefined, assignee: assignee!, dueOn: o.input.dueOn, dueAt: dueAtOf(o.input.dueOn),
    asksForFile: Boolean(o.input.asksForFile) || undefined, checklist, documentIds: [], history: [{ at: now, by: staffActor(o.actor), what: 'created it' }],
    createdBy: staffActor(o.actor), createdAt: now, updatedAt: now,
  };
  await insertTasks([task]);
  await audit(o.actor, 'task.create', { type: 'Case', id: kase._id }, { taskId: String(task._id), assignee: assignee!.kind, dueOn: task.dueOn });
  return { ok: true, tasks: [task] };
}

/** A template's tasks on a case: client items for `clientId`, staff items for `staffId`. */
export async function createTasksFromTemplate(o: { caseId: Types.ObjectId; templateKey: string; clientId: string; staffId: string; actor: Actor; now?: Date }): Promise<CreateTasksResult> {
  const template = taskTemplate(o.templateKey);
  const kase = await findCase(o.caseId);
  if (!kase) return { ok: false, errors: { form: 'There is no such case.' } };
  if (!template) return { ok: false, errors: { templateKey: 'Choose a template.' } };
  const errors: Record<string, string> = {};
  const client = template.items.some((i) => i.assignee === 'client') ? await resolveAssignee(kase, `client:${o.clientId}`) : undefined;
  const staff = template.items.some((i) => i.assignee === 'staff') ? await resolveAssignee(kase, `staff:${o.staffId}`) : undefined;
  if (template.items.some((i) => i.assignee === 'client') && !client) errors.clientId = 'Choose the contact on this case who does the client tasks.';
  if (template.items.some((i) => i.assignee === 'staff') && !staff) errors.staffId = 'Choose the staff member who does the firm’s tasks.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const now = o.now ?? new Date();
  const today = todayIn(config.FIRM_TIMEZONE, now);
  const by = staffActor(o.actor);
  const tasks: TaskDoc[] = template.items.map((item, i) => {
    const dueOn = addDays(today, item.dueInDays);
    // Creation times a millisecond apart keep the template's order in the case's list.
    const at = new Date(now.getTime() + i);
    return {
      _id: new Types.ObjectId(), caseId: kase._id, title: item.title, description: item.description, assignee: (item.assignee === 'client' ? client : staff)!, dueOn, dueAt: dueAtOf(dueOn),
      asksForFile: item.asksForFile || undefined, checklist: checklistOf(item.checklist?.join('\n')), documentIds: [], history: [{ at, by, what: `created it from the template “${template.name}”` }],
      templateKey: template.key, createdBy: by, createdAt: at, updatedAt: at,
    };
  });
  await insertTasks(tasks);
  await audit(o.actor, 'task.create-from-template', { type: 'Case', id: kase._id }, { template: template.key, taskIds: tasks.map((t) => String(t._id)) });
  return { ok: true, tasks };
}
