// The Outbox page (Admin -> Outbox, development only): every email and text
// the capture server received, beside Casebook's own record of it (status
// timeline, contact), with links clickable so a newcomer can open an emailed
// link locally, and buttons that make the provider report a delivery, a
// bounce, or a reply (STOP included) through the real webhooks.
import { Hono } from 'hono';
import { z } from 'zod';
import { findMessage, messageIdOfProviderId } from '../../db/outbox/outbound-messages';
import { STATUS_LABELS } from '../../domain/outbox/message-status';
import { AppError } from '../../domain/app-error';
import type { AppEnv } from '../env';
import { render } from '../render';
import { validForm } from '../validation';
import { capturedMessages, simulateEvent, simulateReply } from './capture-client';
import { messageHistoryHelpers } from '../messages/message-view';

export const outboxRoutes = new Hono<AppEnv>();

outboxRoutes.use('*', async (c, next) => {
  // Off in production: there is no capture server there, and real providers have their own consoles.
  if (!c.get('services').outbox.captureUrl) throw new AppError('NOT_FOUND', 'The Outbox page is for development: set CAPTURE_URL (npm start does) to see captured email and texts.');
  await next();
});

outboxRoutes.get('/', async (c) => {
  const settings = c.get('services').outbox;
  const captured = await capturedMessages(settings).catch((err: Error) => {
    throw new AppError('UNAVAILABLE', `The capture server did not answer (${err.message}).`);
  });
  const rows = await Promise.all(
    captured.slice(0, 200).map(async (m) => {
      const id = await messageIdOfProviderId(m.provider, m.id);
      const record = id ? await findMessage(id) : null;
      return { captured: m, record };
    }),
  );
  return render(c, 'outbox/page', { title: 'Outbox', rows, total: captured.length, statusLabels: STATUS_LABELS, linkParts, timelineOf: messageHistoryHelpers.timelineOf, notice: c.req.query('done') });
});

const eventForm = z.object({ event: z.enum(['delivered', 'bounce', 'dropped', 'undelivered', 'failed']) });
outboxRoutes.post(
  '/:capturedId/events',
  validForm(eventForm, () => {
    throw new AppError('BAD_REQUEST', 'Choose an event to simulate.');
  }),
  async (c) => {
    const { event } = c.req.valid('form');
    await simulateEvent(c.get('services').outbox, c.req.param('capturedId'), event);
    return c.redirect(`/admin/outbox?done=${encodeURIComponent(`The provider reported "${event}".`)}`, 303);
  },
);

const replyForm = z.object({ from: z.string().regex(/^\+[1-9]\d{7,14}$/, 'A number in E.164 form'), body: z.string().trim().min(1, 'Write the reply.').max(1600) });
outboxRoutes.post(
  '/reply',
  validForm(replyForm, (_c, issues) => {
    throw new AppError('BAD_REQUEST', issues[0]?.message ?? 'Write the reply.');
  }),
  async (c) => {
    const form = c.req.valid('form');
    const r = await simulateReply(c.get('services').outbox, form);
    const how = r.webhookStatus < 300 ? 'Casebook took it' : `Casebook answered ${r.webhookStatus}`;
    return c.redirect(`/admin/outbox?done=${encodeURIComponent(`Reply "${form.body}" sent from ${form.from}: ${how}.`)}`, 303);
  },
);

/** A message's text as plain runs and http(s) links, so the page can make links clickable without trusting the text as HTML. */
export function linkParts(text: string): ({ text: string; href?: undefined } | { href: string; text?: undefined })[] {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .filter(Boolean)
    .map((part) => (/^https?:\/\//.test(part) ? { href: part } : { text: part }));
}
