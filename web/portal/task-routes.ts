import { Hono, type Context } from 'hono';
import { completeTask, completeTaskWithFiles, tickChecklistItem } from '../../activities/tasks/change-task';
import type { TaskActor, TaskDoc } from '../../db/models/index';
import { config } from '../../config/config';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { portalText } from '../../domain/portal/portal-strings';
import { stopTaskReminders } from '../../temporal/task-reminder';
import { csrfTokenMatches } from '../auth/middleware';
import { receiveDocumentUploads } from '../documents/receive-document-uploads';
import type { PortalEnv } from './portal-env';
import { portalHome } from './home-routes';
import { portalScope, type PortalScope } from './portal-scope';
import { portalTask } from './portal-tasks';

/**
 * The client does their tasks from Home's "What we need from you": marks one
 * done, ticks its checklist, or sends the file it asks for (streamed and
 * checked by content like every upload; it lands in their documents on the
 * task's case). Each answer is Home again, with a thank-you or the refusal.
 */
export const portalTaskRoutes = new Hono<PortalEnv>();

const clientOf = (scope: PortalScope): TaskActor => ({ kind: 'client', id: scope.contact._id, name: displayName(scope.contact) });
const t = (key: Parameters<typeof portalText>[0], vars: Record<string, string>) => portalText(key, { firm: config.FIRM_NAME, ...vars });

async function stopReminders(c: Context<PortalEnv>, task: TaskDoc) {
  await stopTaskReminders(c.get('services').temporal, String(task._id));
}

portalTaskRoutes.post('/:id/done', async (c) => {
  const scope = await portalScope(c.get('visitor')!);
  const task = await portalTask(scope, c.req.param('id'));
  const change = await completeTask({ task, by: clientOf(scope) });
  if (!change.ok) return portalHome(c, { taskNotice: { error: task.asksForFile ? t('tasks.needsFile', {}) : change.error } }, 422);
  if (change.changed) await stopReminders(c, task);
  return portalHome(c, { taskNotice: { ok: t(change.changed ? 'tasks.thanks' : 'tasks.alreadyDone', { title: task.title }) } });
});

portalTaskRoutes.post('/:id/checklist/:itemId', async (c) => {
  const scope = await portalScope(c.get('visitor')!);
  const task = await portalTask(scope, c.req.param('id'));
  const body = await c.req.parseBody();
  const change = await tickChecklistItem({ task, itemId: c.req.param('itemId'), done: body.done === '1', by: clientOf(scope) });
  if (!change.ok) return portalHome(c, { taskNotice: { error: change.error } }, 422);
  return portalHome(c);
});

portalTaskRoutes.post('/:id/files', async (c) => {
  const visitor = c.get('visitor')!;
  const scope = await portalScope(visitor);
  const task = await portalTask(scope, c.req.param('id'));
  const by = clientOf(scope);
  const results = await receiveDocumentUploads(c.req.raw, {
    csrfToken: visitor.csrfToken,
    headerTokenChecked: csrfTokenMatches(visitor.csrfToken, c.req.header('X-CSRF-Token')),
    maxBytes: config.UPLOAD_MAX_BYTES,
    // The task's own case, which portalTask has checked is one of the link's.
    owner: { contactId: scope.contact._id, caseId: task.caseId },
    actor: { id: scope.contact._id, name: `${by.name} (client)` },
    storage: c.get('services').storage,
    source: 'client',
  });
  const stored = results.flatMap((r) => (r.ok ? [r.document] : []));
  const refused = results.flatMap((r) => (r.ok ? [] : [r]));
  if (!stored.length) return portalHome(c, { taskNotice: { refused } }, 422);
  const change = await completeTaskWithFiles({ task, by, documents: stored });
  if (!change.ok) return portalHome(c, { taskNotice: { error: change.error } }, 422);
  await stopReminders(c, task);
  return portalHome(c, { taskNotice: { ok: t('tasks.received', { title: task.title, names: stored.map((d) => `“${d.name}”`).join(', ') }), refused } });
});
