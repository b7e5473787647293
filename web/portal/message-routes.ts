import { Hono } from 'hono';
import { Types } from 'mongoose';
import { PORTAL_MESSAGE_MAX_CHARS, postClientMessage } from '../../activities/portal/portal-messages';
import { markThreadRead, portalThread } from '../../db/portal/portal-threads';
import { config } from '../../config/config';
import type { PortalEnv } from './portal-env';
import { caseInScope, portalScope } from './portal-scope';
import { renderPortal } from './render-portal';

/** A case's two-way thread on the portal (/portal/cases/:caseId/messages). Opening it marks staff's messages read. */
export const portalMessageRoutes = new Hono<PortalEnv>();

async function thread(c: Parameters<typeof renderPortal>[0], o: { draft?: string; error?: string; sent?: boolean; status?: number } = {}) {
  const visitor = c.get('visitor')!;
  const scope = await portalScope(visitor);
  const kase = caseInScope(scope, c.req.param('caseId'));
  const thread = await portalThread(kase._id, scope.contact._id);
  await markThreadRead(kase._id, scope.contact._id, thread, 'contact', new Date());
  const messages = thread.messages;
  return renderPortal(c, 'portal/messages', { title: 'messages', contact: scope.contact, kase, cases: scope.cases, messages, maxChars: PORTAL_MESSAGE_MAX_CHARS, ...o }, o.status ?? 200, scope.contact.timezone || config.FIRM_TIMEZONE);
}

portalMessageRoutes.get('/', (c) => thread(c, { sent: c.req.query('sent') === '1' }));

portalMessageRoutes.post('/', async (c) => {
  const visitor = c.get('visitor')!;
  const body = await c.req.parseBody();
  const text = typeof body.body === 'string' ? body.body : '';
  const scope = await portalScope(visitor);
  const kase = caseInScope(scope, c.req.param('caseId'));
  const posted = await postClientMessage({ contactId: visitor.contactId, caseId: kase._id as Types.ObjectId, scope: scope.cases.map((k) => k._id), body: text });
  if (!posted.ok) return thread(c, { draft: text.slice(0, PORTAL_MESSAGE_MAX_CHARS + 100), error: posted.error === 'tooLong' ? 'messages.tooLong' : 'messages.empty', status: 422 });
  return c.redirect(`/portal/cases/${kase._id}/messages?sent=1#latest`, 303);
});
