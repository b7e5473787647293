import { Hono, type MiddlewareHandler } from 'hono';
import { findContact } from '../../db/contacts/contacts';
import { countStepUpFailure, endPortalSession, markStepUpPassed } from '../../db/portal/portal-sessions';
import { config } from '../../config/config';
import type { PortalEnv } from './portal-env';
import { renderPortal } from './render-portal';

// The firm's optional extra check before documents are shown
// (PORTAL_STEP_UP=phone-last4): the last four digits of a phone on file.
// Five wrong answers end the session; the contact then needs a new link.
const MAX_FAILURES = 5;

export const requireStepUp: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if ((c.get('services').portalStepUp ?? config.PORTAL_STEP_UP) === 'none' || c.get('visitor')?.stepUpAt) return next();
  return c.redirect(`/portal/confirm?next=${encodeURIComponent(c.req.path)}`, 303);
};

export const portalStepUpRoutes = new Hono<PortalEnv>();

const safeNext = (next: string | undefined) => (next && /^\/portal\/[a-z/0-9]*$/.test(next) ? next : '/portal/documents');

portalStepUpRoutes.get('/', (c) => renderPortal(c, 'portal/step-up', { title: 'stepUp', next: safeNext(c.req.query('next')) }));

portalStepUpRoutes.post('/', async (c) => {
  const visitor = c.get('visitor')!;
  const body = await c.req.parseBody();
  const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
  const digits = String(body.digits ?? '').replace(/\D/g, '');
  const contact = await findContact(visitor.contactId);
  const onFile = (contact?.phones ?? []).map((p) => (p.e164 ?? p.raw ?? '').replace(/\D/g, '')).filter((d) => d.length >= 4);
  if (digits.length === 4 && onFile.some((d) => d.endsWith(digits))) {
    await markStepUpPassed(visitor.sessionId, new Date());
    return c.redirect(next, 303);
  }
  if ((await countStepUpFailure(visitor.sessionId)) >= MAX_FAILURES) {
    await endPortalSession(visitor.sessionId, new Date());
    return renderPortal(c, 'portal/ended', { title: 'ended' }, 401);
  }
  return renderPortal(c, 'portal/step-up', { title: 'stepUp', next, wrong: true }, 422);
});
