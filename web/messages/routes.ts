import { Hono } from 'hono';
import { z } from 'zod';
import { queueMessage } from '../../activities/outbox/queue-message';
import { messagesOfContact } from '../../db/messages/messages';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { fieldErrors, validForm, validQuery } from '../validation';
import { composeView } from './compose-view';
import { messageHistoryHelpers } from './message-view';
import { composeForm, composeQuery } from './messages.schemas';

/**
 * A contact's message history on its profile, paged newest first ("Older
 * messages"), and the form staff write an email or text with. Mounted under
 * /contacts/:contactId/messages.
 */
export const messageRoutes = new Hono<AppEnv>();

export const MESSAGES_PER_PAGE = 20;
const messagesQuery = z.object({ before: z.string().max(100).optional().catch(undefined) });

messageRoutes.get('/', validQuery(messagesQuery), async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#messages-title`, 303);
  const messages = await messagesOfContact(contact._id, { limit: MESSAGES_PER_PAGE, before: c.req.valid('query').before });
  return render(c, 'messages/history', { contact, messages, ...messageHistoryHelpers });
});

messageRoutes.get('/compose', validQuery(composeQuery), async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#messages-title`, 303);
  const q = c.req.valid('query');
  return render(c, 'messages/compose', { contact, ...(await composeView(contact, { channel: q.channel, subject: q.subject, body: q.body })) });
});

messageRoutes.post(
  '/',
  validForm(composeForm, async (c, issues, raw) => {
    const contact = await loadContact(c.req.param('contactId')!);
    const channel = raw.channel === 'sms' ? 'sms' : 'email';
    return render(c, 'messages/compose', { contact, ...(await composeView(contact, { channel, body: String(raw.body ?? ''), subject: String(raw.subject ?? ''), errors: fieldErrors(issues) })) }, 422);
  }),
  async (c) => {
    const contact = await loadContact(c.req.param('contactId')!);
    const form = c.req.valid('form');
    const user = c.get('user')!;
    const queued = await queueMessage({ contactId: contact._id, channel: form.channel, to: form.to, subject: form.subject, body: form.body, purpose: 'staff-message', actor: { id: user.id, name: user.name } });
    if (!queued.ok) {
      const errors = Object.fromEntries(queued.errors.map((e) => [e.field === 'form' ? 'channel' : e.field, e.message]));
      const view = await composeView(contact, { channel: form.channel, to: form.to, subject: form.subject, body: form.body, errors });
      return isHtmx(c) ? render(c, 'messages/compose', { contact, ...view }, 422) : render(c, 'errors/page', { title: 'Not sent', status: 422, message: Object.values(errors).join(' ') }, 422);
    }
    const { services } = c.var;
    await startMessageDelivery(services.temporal, { messageId: queued.messageId, taskQueue: services.taskQueue, actorId: String(user.id), channel: form.channel, purpose: 'staff-message' });
    if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#messages-title`, 303);
    // The form comes back empty with a confirmation, and the history (out of band) shows the queued message.
    const view = await composeView(contact, { channel: form.channel, sent: form.channel === 'sms' ? 'Text queued. Its status shows below.' : 'Email queued. Its status shows below.' });
    const messages = await messagesOfContact(contact._id, { limit: MESSAGES_PER_PAGE });
    c.header('HX-Trigger', 'message-queued');
    return c.html(
      `${await renderText(c, 'messages/compose', { contact, ...view })}<div id="messages" hx-swap-oob="innerHTML">${await renderText(c, 'messages/history', { contact, messages, ...messageHistoryHelpers })}</div>`,
    );
  },
);

async function renderText(c: Parameters<typeof render>[0], template: string, data: Record<string, unknown>): Promise<string> {
  return (await render(c, template, data)).text();
}
