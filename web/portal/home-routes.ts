import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { openPortalItems } from '../../activities/portal/open-portal-items';
import { hashSessionToken } from '../../activities/portal/open-portal-link';
import { appointmentsOfCases } from '../../db/appointments/appointments';
import { endPortalSession } from '../../db/portal/portal-sessions';
import { stageTimeline, type StageMove } from '../../domain/cases/case-stages';
import { config } from '../../config/config';
import { portalCookieName } from './portal-cookie';
import type { PortalEnv } from './portal-env';
import { portalScope } from './portal-scope';
import { renderPortal } from './render-portal';

/** The portal's Home: the link's cases with their stage, what is needed, the next appointment, unread messages. */
export const portalHomeRoutes = new Hono<PortalEnv>();

portalHomeRoutes.get('/', async (c) => {
  const visitor = c.get('visitor')!;
  const scope = await portalScope(visitor);
  const open = await openPortalItems(scope.contact._id, scope.cases.map((k) => k._id));
  const now = Date.now();
  const next = (await appointmentsOfCases(scope.cases.map((k) => k._id))).find((a) => !a.cancelledAt && a.endsAt.getTime() > now);
  const cases = scope.cases.map((k) => ({ kase: k, timeline: stageTimeline(k.stage as never, (k.stageHistory ?? []) as StageMove[]), unread: open.byCase.get(String(k._id)) ?? 0 }));
  return renderPortal(c, 'portal/home', { title: 'home', contact: scope.contact, cases, next, unread: open.unreadMessages, linkExpiresAt: visitor.expiresAt }, 200, scope.contact.timezone || config.FIRM_TIMEZONE);
});

portalHomeRoutes.post('/sign-out', async (c) => {
  const token = getCookie(c, portalCookieName());
  if (token) await endPortalSession(hashSessionToken(token), new Date());
  deleteCookie(c, portalCookieName(), { path: '/portal' });
  c.set('visitor', undefined);
  return renderPortal(c, 'portal/ended', { title: 'ended', signedOut: true });
});
