// Doing a task: staff or the client marks it done (the client from the
// portal, by sending the file it asks for when it asks for one), ticks its
// checklist, staff reopen it or move its due date. Every change is written
// into the task's history (who, what, when) and audited; the caller tells
// the task's TaskReminderWorkflow (a done task is reminded no more).
import { audit } from '../../db/audit';
import type { DocumentDoc, TaskActor, TaskDoc } from '../../db/models/index';
import { insertPortalNotice } from '../../db/portal/portal-notices';
import { findTask, markTaskDone, markTaskOpen, noteTaskHistory, setChecklistItem, setTaskDue } from '../../db/tasks/tasks';
import { dueDateProblem } from '../../domain/tasks/task-due';
import { dueAtOf } from './create-tasks';

export type TaskChange = { ok: true; task: TaskDoc; changed: boolean } | { ok: false; error: string };

const auditActor = (by: TaskActor) => ({ id: by.id, name: by.kind === 'client' ? `${by.name} (client)` : by.name });

/** Whether `by` may do this task: staff may do any; a client only their own. */
export function mayDoTask(task: TaskDoc, by: TaskActor): boolean {
  return by.kind === 'staff' || (task.assignee.kind === 'client' && task.assignee.id.equals(by.id));
}

async function tellStaff(task: TaskDoc, by: TaskActor, summary: string, at: Date) {
  if (by.kind !== 'client') return;
  await insertPortalNotice({ kind: 'task', contactId: by.id, caseId: task.caseId, refId: task._id, summary, at });
}

export async function completeTask(o: { task: TaskDoc; by: TaskActor; now?: Date }): Promise<TaskChange> {
  if (!mayDoTask(o.task, o.by)) return { ok: false, error: 'This task is not yours to do.' };
  if (o.task.asksForFile && o.by.kind === 'client') return { ok: false, error: 'This task asks for a file: send it with the task.' };
  const now = o.now ?? new Date();
  const done = await markTaskDone(o.task._id, o.by, now, 'marked it done');
  if (!done) return { ok: true, task: (await findTask(o.task._id))!, changed: false };
  await audit(auditActor(o.by), 'task.done', { type: 'Case', id: o.task.caseId }, { taskId: String(o.task._id) });
  await tellStaff(done, o.by, `${o.by.name} did “${done.title}”.`, now);
  return { ok: true, task: done, changed: true };
}

/** The client sent the file a task asks for: the document is on the task, and the task is done. */
export async function completeTaskWithFiles(o: { task: TaskDoc; by: TaskActor; documents: DocumentDoc[]; now?: Date }): Promise<TaskChange> {
  if (!mayDoTask(o.task, o.by)) return { ok: false, error: 'This task is not yours to do.' };
  const now = o.now ?? new Date();
  const names = o.documents.map((d) => `“${d.name}”`).join(', ');
  for (const d of o.documents.slice(1)) await noteTaskHistory(o.task._id, { at: now, by: o.by, what: `sent ${`“${d.name}”`}` }, d._id);
  const first = o.documents[0]!;
  let task = await markTaskDone(o.task._id, o.by, now, `sent “${first.name}” and marked it done`, first._id);
  // Done already (another device): the files are kept on the task all the same.
  if (!task) {
    await noteTaskHistory(o.task._id, { at: now, by: o.by, what: `sent “${first.name}”` }, first._id);
    task = (await findTask(o.task._id))!;
  }
  await audit(auditActor(o.by), 'task.done', { type: 'Case', id: o.task.caseId }, { taskId: String(o.task._id), documentIds: o.documents.map((d) => String(d._id)) });
  await tellStaff(task, o.by, `${o.by.name} sent ${names} for “${task.title}”.`, now);
  return { ok: true, task, changed: true };
}

export async function reopenTask(o: { task: TaskDoc; by: TaskActor; now?: Date }): Promise<TaskChange> {
  if (o.by.kind !== 'staff') return { ok: false, error: 'Only staff reopen a task.' };
  const task = await markTaskOpen(o.task._id, o.by, o.now ?? new Date());
  if (!task) return { ok: true, task: o.task, changed: false };
  await audit(auditActor(o.by), 'task.reopen', { type: 'Case', id: o.task.caseId }, { taskId: String(o.task._id) });
  return { ok: true, task, changed: true };
}

export async function tickChecklistItem(o: { task: TaskDoc; itemId: string; done: boolean; by: TaskActor; now?: Date }): Promise<TaskChange> {
  if (!mayDoTask(o.task, o.by)) return { ok: false, error: 'This task is not yours to do.' };
  if (!o.task.checklist.some((i) => i.id === o.itemId)) return { ok: false, error: 'There is no such item on this task.' };
  // Two people ticking at once: the second write finds the task changed and is tried again on the fresh copy.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = attempt === 0 ? o.task : (await findTask(o.task._id))!;
    const task = await setChecklistItem(current, o.itemId, o.done, o.by, o.now ?? new Date());
    if (task) return { ok: true, task, changed: task !== current };
  }
  return { ok: false, error: 'This task changed meanwhile. Reload and try again.' };
}

export async function moveTaskDue(o: { task: TaskDoc; dueOn: string; by: TaskActor; now?: Date }): Promise<TaskChange> {
  if (o.by.kind !== 'staff') return { ok: false, error: 'Only staff move a due date.' };
  const problem = dueDateProblem(o.dueOn);
  if (problem) return { ok: false, error: problem };
  if (o.dueOn === o.task.dueOn) return { ok: true, task: o.task, changed: false };
  const task = await setTaskDue(o.task._id, o.dueOn, dueAtOf(o.dueOn), o.by, o.now ?? new Date());
  if (!task) return { ok: false, error: 'This task was removed.' };
  await audit(auditActor(o.by), 'task.move-due', { type: 'Case', id: o.task.caseId }, { taskId: String(o.task._id), from: o.task.dueOn, to: o.dueOn });
  return { ok: true, task, changed: true };
}
