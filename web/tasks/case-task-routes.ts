import { Hono, type Context } from 'hono';
import { Types } from 'mongoose';
import { createTask, createTasksFromTemplate, type TaskInput } from '../../activities/tasks/create-tasks';
import { completeTask, moveTaskDue, reopenTask, tickChecklistItem, type TaskChange } from '../../activities/tasks/change-task';
import type { CaseDoc, TaskActor, TaskDoc } from '../../db/models/index';
import { findTask } from '../../db/tasks/tasks';
import { AppError } from '../../domain/app-error';
import { CASE_ROLES } from '../../domain/cases/case-fields';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { moveTaskReminders, startTaskReminders, stopTaskReminders } from '../../temporal/task-reminder';
import { caseTabUrl } from '../cases/case-documents';
import { loadCase } from '../cases/routes';
import type { AppEnv } from '../env';
import { caseStageHelpers } from '../portal-links/case-portal-tab';
import { render } from '../render';
import { caseTasksTab, TASK_SAVED_MESSAGES, type TaskDraft, type TemplateDraft } from './case-tasks-tab';

/** Tasks on a case: add (one, or a template's), mark done, reopen, tick a checklist item, move the due date. Mounted under /cases/:caseId/tasks. */
export const caseTaskRoutes = new Hono<AppEnv>();

const staffOf = (c: Context<AppEnv>): TaskActor => ({ kind: 'staff', id: c.get('user')!.id, name: c.get('user')!.name });

async function fields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v.slice(0, 5000)]] : [])));
}

async function tabWithErrors(c: Context<AppEnv>, kase: CaseDoc, o: { draft?: TaskDraft; errors?: Record<string, string>; templateDraft?: TemplateDraft; templateErrors?: Record<string, string>; taskError?: string }) {
  const user = c.get('user')!;
  const data = { ...caseStageHelpers, title: `Case ${kase.number}`, kase, tab: 'tasks', displayName, caseRoles: CASE_ROLES, linked: [], tabUrl: (q: { tab?: string }) => caseTabUrl(kase._id, q as never), taskError: o.taskError };
  return render(c, 'cases/page', { ...data, ...(await caseTasksTab(kase, { id: user.id, name: user.name }, o)) }, 422);
}

const back = (kase: CaseDoc, saved: keyof typeof TASK_SAVED_MESSAGES) => `/cases/${kase._id}?tab=tasks&saved=${saved}`;

async function startClientReminders(c: Context<AppEnv>, tasks: TaskDoc[]) {
  const { services } = c.var;
  for (const t of tasks) {
    if (t.assignee.kind === 'client' && !t.doneAt) await startTaskReminders(services.temporal, { taskId: String(t._id), dueAt: t.dueAt, taskQueue: services.taskQueue, actorId: String(c.get('user')!.id) });
  }
}

caseTaskRoutes.post('/', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const f = await fields(c);
  const input: TaskInput = { title: f.title ?? '', description: f.description, assignee: f.assignee ?? '', dueOn: f.dueOn ?? '', checklist: f.checklist, asksForFile: f.asksForFile === '1' };
  const made = await createTask({ caseId: kase._id, input, actor: c.get('user')! });
  if (!made.ok) return tabWithErrors(c, kase, { draft: input, errors: made.errors });
  await startClientReminders(c, made.tasks);
  return c.redirect(back(kase, 'added'), 303);
});

caseTaskRoutes.post('/from-template', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const f = await fields(c);
  const draft: TemplateDraft = { templateKey: f.templateKey, clientId: f.clientId, staffId: f.staffId };
  const made = await createTasksFromTemplate({ caseId: kase._id, templateKey: f.templateKey ?? '', clientId: f.clientId ?? '', staffId: f.staffId ?? '', actor: c.get('user')! });
  if (!made.ok) return tabWithErrors(c, kase, { templateDraft: draft, templateErrors: made.errors });
  await startClientReminders(c, made.tasks);
  return c.redirect(back(kase, 'template'), 303);
});

async function loadTask(kase: CaseDoc, id: string): Promise<TaskDoc> {
  const task = Types.ObjectId.isValid(id) ? await findTask(new Types.ObjectId(id)) : null;
  if (!task || !task.caseId.equals(kase._id)) throw new AppError('NOT_FOUND', 'There is no such task on this case.');
  return task;
}

async function afterChange(c: Context<AppEnv>, kase: CaseDoc, change: TaskChange, saved: keyof typeof TASK_SAVED_MESSAGES) {
  if (!change.ok) return tabWithErrors(c, kase, { taskError: change.error });
  return c.redirect(back(kase, saved), 303);
}

caseTaskRoutes.post('/:id/done', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const task = await loadTask(kase, c.req.param('id'));
  const change = await completeTask({ task, by: staffOf(c) });
  if (change.ok && change.changed && task.assignee.kind === 'client') await stopTaskReminders(c.var.services.temporal, String(task._id));
  return afterChange(c, kase, change, 'done');
});

caseTaskRoutes.post('/:id/reopen', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const task = await loadTask(kase, c.req.param('id'));
  const change = await reopenTask({ task, by: staffOf(c) });
  if (change.ok && change.changed) await startClientReminders(c, [change.task]);
  return afterChange(c, kase, change, 'reopened');
});

caseTaskRoutes.post('/:id/due', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const task = await loadTask(kase, c.req.param('id'));
  const change = await moveTaskDue({ task, dueOn: (await fields(c)).dueOn ?? '', by: staffOf(c) });
  if (change.ok && change.changed && change.task.assignee.kind === 'client' && !change.task.doneAt) {
    const { services } = c.var;
    await moveTaskReminders(services.temporal, { taskId: String(task._id), dueAt: change.task.dueAt, taskQueue: services.taskQueue, actorId: String(c.get('user')!.id) });
  }
  return afterChange(c, kase, change, 'moved');
});

caseTaskRoutes.post('/:id/checklist/:itemId', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const task = await loadTask(kase, c.req.param('id'));
  const change = await tickChecklistItem({ task, itemId: c.req.param('itemId'), done: (await fields(c)).done === '1', by: staffOf(c) });
  return afterChange(c, kase, change, 'ticked');
});
