import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { openPortalItems } from '../../activities/portal/open-portal-items';
import { hashSessionToken } from '../../activities/portal/open-portal-link';
import { appointmentsOfCases } from '../../db/appointments/appointments';
import { endPortalSession } from '../../db/portal/portal-sessions';
import { stageTimeline, type StageMove } from '../../domain/cases/case-stages';
import { taskDueState } from '../../domain/tasks/task-due';
import { config } from '../../config/config';
import { portalCookieName } from './portal-cookie';
import type { PortalEnv } from './portal-env';
import { portalScope } from './portal-scope';
import { portalTasks } from './portal-tasks';
import { portalForms } from './portal-forms';
import { renderPortal } from './render-portal';

/** The portal's Home: what is needed from the client (their tasks), the link's cases with their stage, the next appointment, unread messages. */
export const portalHomeRoutes = new Hono<PortalEnv>();

/** Home, with a banner or a refusal from a task just done (the task routes answer with it). */
export async function portalHome(c: Context<PortalEnv>, extra: Record<string, unknown> = {}, status = 200) {
  const visitor = c.get('visitor')!;
  const scope = await portalScope(visitor);
  const caseIds = scope.cases.map((k) => k._id);
  const now = new Date();
  // The page's reads are independent: made at once, not one after another.
  // (The unread counts need no task count here: the page lists the tasks themselves.)
  const [tasks, forms, appointments, open] = await Promise.all([portalTasks(scope), portalForms(scope), appointmentsOfCases(caseIds), openPortalItems(scope.contact._id, caseIds, { openTasks: 0 })]);
  const next = appointments.find((a) => !a.cancelledAt && a.endsAt.getTime() > now.getTime());
  const cases = scope.cases.map((k) => ({ kase: k, timeline: stageTimeline(k.stage as never, (k.stageHistory ?? []) as StageMove[]), unread: open.byCase.get(String(k._id)) ?? 0 }));
  return renderPortal(
    c,
    'portal/home',
    { title: 'home', contact: scope.contact, cases, next, unread: open.unreadMessages, linkExpiresAt: visitor.expiresAt, tasks, forms, caseNumber: (id: unknown) => scope.cases.find((k) => k._id.equals(id as never))?.number, dueState: (t: { dueAt: Date; doneAt?: Date | null }) => taskDueState(t, now), uploadMaxBytes: config.UPLOAD_MAX_BYTES, ...extra },
    status,
    scope.contact.timezone || config.FIRM_TIMEZONE,
  );
}

portalHomeRoutes.get('/', (c) => portalHome(c));

portalHomeRoutes.post('/sign-out', async (c) => {
  const token = getCookie(c, portalCookieName());
  if (token) await endPortalSession(hashSessionToken(token), new Date());
  deleteCookie(c, portalCookieName(), { path: '/portal' });
  c.set('visitor', undefined);
  return renderPortal(c, 'portal/ended', { title: 'ended', signedOut: true });
});
