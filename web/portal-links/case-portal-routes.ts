import { Hono } from 'hono';
import { Types } from 'mongoose';
import { z } from 'zod';
import { replyToClient } from '../../activities/portal/portal-messages';
import { audit } from '../../db/audit';
import { moveCaseStage } from '../../db/cases/cases';
import { portalLinksOfCase } from '../../db/portal/portal-links';
import { portalThread } from '../../db/portal/portal-threads';
import { findContact } from '../../db/contacts/contacts';
import { AppError } from '../../domain/app-error';
import { CASE_STAGES } from '../../domain/cases/case-stages';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { loadCase } from '../cases/routes';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { caseStageHelpers } from './case-portal-tab';
import { portalLinkRows, portalLinkViewHelpers } from './portal-link-view';
import { PORTAL_MESSAGE_MAX_CHARS } from '../../activities/portal/portal-messages';

/** The case page's portal parts: its stage (the client's timeline), its links, and answers on its portal threads. Mounted under /cases/:caseId. */
export const casePortalRoutes = new Hono<AppEnv>();

const stageForm = z.object({ stage: z.enum(CASE_STAGES) });

casePortalRoutes.post('/stage', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const form = stageForm.safeParse(await c.req.parseBody());
  if (!form.success) throw new AppError('BAD_REQUEST', 'Choose one of the stages.');
  const user = c.get('user')!;
  if (await moveCaseStage(kase._id, form.data.stage, user.name, new Date())) await audit(user, 'case.stage', { type: 'Case', id: kase._id }, { from: kase.stage ?? null, to: form.data.stage });
  const fresh = await loadCase(String(kase._id));
  if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}`, 303);
  return render(c, 'cases/stage-form', { kase: fresh, saved: true, ...caseStageHelpers });
});

casePortalRoutes.get('/portal-links', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}?tab=portal`, 303);
  return render(c, 'portal-links/links', { rows: await portalLinkRows(await portalLinksOfCase(kase._id)), listUrl: `/cases/${kase._id}/portal-links`, ...portalLinkViewHelpers });
});

casePortalRoutes.post('/portal-messages/:contactId', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const contactId = c.req.param('contactId');
  const contact = Types.ObjectId.isValid(contactId) ? await findContact(new Types.ObjectId(contactId)) : null;
  if (!contact || !kase.contacts.some((l) => l.contactId.equals(contact._id))) throw new AppError('NOT_FOUND', 'This contact is not on this case.');
  const body = await c.req.parseBody();
  const user = c.get('user')!;
  const { services } = c.var;
  const replied = await replyToClient({ contactId: contact._id, caseId: kase._id, body: String(body.body ?? ''), actor: { id: user.id, name: user.name }, publicUrl: services.outbox.publicUrl });
  if (replied.ok && replied.notice) await startMessageDelivery(services.temporal, { messageId: replied.notice.messageId, taskQueue: services.taskQueue, actorId: String(user.id), channel: replied.notice.channel, purpose: 'portal-reply' });
  if (!isHtmx(c)) return c.redirect(`/cases/${kase._id}?tab=portal#thread-${contact._id}`, 303);
  const role = kase.contacts.find((l) => l.contactId.equals(contact._id))!.role;
  const flash = replied.ok ? { ok: replied.notice ? `Sent. ${displayName(contact)} was told by ${replied.notice.channel === 'sms' ? 'text' : 'email'}.` : `Sent. ${replied.noticeSkipped}` } : { error: replied.error };
  return render(c, 'portal-links/thread', { kase, thread: { contact, role, messages: (await portalThread(kase._id, contact._id)).messages }, maxChars: PORTAL_MESSAGE_MAX_CHARS, flash, draft: replied.ok ? '' : String(body.body ?? ''), displayName }, replied.ok ? 200 : 422);
});
