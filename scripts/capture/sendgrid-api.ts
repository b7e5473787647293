// The part of SendGrid's v3 API Casebook uses, as SendGrid answers it:
// POST /v3/mail/send (202 + X-Message-Id), the Event Webhook settings (URL and
// signed-webhook key), and the Email Activity query by custom argument that
// the outbox uses to find an earlier attempt before sending again.
import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { newSendGridAccount, postSendGridEvents, sendGridEvents, type SendGridAccount, type SendGridEvent } from './capture-callbacks';
import type { Faults } from './capture-faults';
import type { CapturedMessage, CaptureStore } from './capture-store';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** Recipients at this domain bounce (SendGrid accepts, then reports a bounce), as a real mailbox that does not exist would. */
export const BOUNCING_DOMAIN = 'bounce.test';

export const sendGridAccountOf = (apiKey: string) => 'sg-' + createHash('sha256').update(apiKey).digest('hex').slice(0, 12);

const sgError = (c: Context, status: 400 | 401 | 429 | 500 | 502 | 503, message: string, field?: string) =>
  c.json({ errors: [{ message, field: field ?? null, help: null }] }, status);

export function sendGridApi(store: CaptureStore, faults: Faults) {
  const accounts = new Map<string, SendGridAccount>();
  const accountFor = (id: string) => {
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = newSendGridAccount()));
    return a;
  };
  const app = new Hono<{ Variables: { account: string } }>();

  app.use('/v3/*', async (c, next) => {
    const key = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!key) return sgError(c, 401, 'The provided authorization grant is invalid, expired, or revoked');
    c.set('account', sendGridAccountOf(key));
    const failure = faults.failureFor('sendgrid');
    if (failure) return sgError(c, failure as 429, failure === 429 ? 'too many requests' : 'internal error');
    await next();
  });

  app.post('/v3/mail/send', async (c) => {
    const body = (await c.req.json().catch(() => null)) as MailSend | null;
    const problem = checkMailSend(body);
    if (problem) return sgError(c, 400, problem.message, problem.field);
    const p = body!.personalizations[0]!;
    const id = randomBytes(16).toString('base64url').slice(0, 22);
    const message: CapturedMessage = {
      id,
      provider: 'sendgrid',
      account: c.get('account'),
      receivedAt: new Date().toISOString(),
      to: p.to[0]!.email,
      from: body!.from.email,
      subject: p.subject ?? body!.subject,
      text: body!.content?.find((x) => x.type === 'text/plain')?.value,
      html: body!.content?.find((x) => x.type === 'text/html')?.value,
      customArgs: { ...(body!.custom_args ?? {}), ...(p.custom_args ?? {}) },
      status: 'accepted',
      callbacks: [],
    };
    store.add(message);
    const callbacks = faults.callbacksOn('sendgrid');
    await faults.released('sendgrid');
    const account = accountFor(message.account);
    // Like SendGrid: accepted now, events a moment later.
    if (callbacks) setImmediate(() => {
      const events: SendGridEvent[] = message.to.toLowerCase().endsWith('@' + BOUNCING_DOMAIN) ? ['processed', 'bounce'] : ['processed', 'delivered'];
      store.update(id, (m) => (m.status = events[1]!));
      void postSendGridEvents(store, account, message, sendGridEvents(message, events));
    });
    c.header('X-Message-Id', id);
    return c.body(null, 202);
  });

  app.patch('/v3/user/webhooks/event/settings', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { enabled?: boolean; url?: string };
    const a = accountFor(c.get('account'));
    if (body.url !== undefined) a.webhookUrl = body.url;
    if (body.enabled !== undefined) a.enabled = body.enabled;
    return c.json({ enabled: a.enabled, url: a.webhookUrl ?? '' });
  });
  app.get('/v3/user/webhooks/event/settings/signed', (c) => c.json({ public_key: accountFor(c.get('account')).publicKeyBase64 }));
  app.patch('/v3/user/webhooks/event/settings/signed', (c) => c.json({ public_key: accountFor(c.get('account')).publicKeyBase64 }));

  // Email Activity: only the query the outbox sends, unique_args['name']="value".
  app.get('/v3/messages', (c) => {
    const q = /^unique_args\['([\w-]+)'\]="([^"]*)"$/.exec(c.req.query('query') ?? '');
    if (!q) return sgError(c, 400, 'unsupported query', 'query');
    const limit = Math.min(Number(c.req.query('limit') ?? 10) || 10, 1000);
    const found = store.list({ account: c.get('account') }).filter((m) => m.provider === 'sendgrid' && m.customArgs?.[q[1]!] === q[2]);
    return c.json({ messages: found.slice(0, limit).map((m) => ({ msg_id: m.id, from_email: m.from, to_email: m.to, subject: m.subject, status: m.status === 'bounce' ? 'not_delivered' : 'delivered', last_event_time: m.receivedAt })) });
  });

  return { app, accountFor };
}

type MailSend = {
  personalizations: { to: { email: string }[]; subject?: string; custom_args?: Record<string, string> }[];
  from: { email: string; name?: string };
  subject?: string;
  content?: { type: string; value: string }[];
  custom_args?: Record<string, string>;
};

function checkMailSend(b: MailSend | null): { message: string; field?: string } | undefined {
  if (!b || typeof b !== 'object') return { message: 'Bad Request' };
  if (!Array.isArray(b.personalizations) || !b.personalizations.length) return { message: 'The personalizations field is required and must have at least one personalization.', field: 'personalizations' };
  const to = b.personalizations[0]!.to;
  if (!Array.isArray(to) || !to.length) return { message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', field: 'personalizations.0.to' };
  for (const [i, r] of to.entries()) if (!EMAIL.test(r?.email ?? '')) return { message: 'Does not contain a valid address.', field: `personalizations.0.to.${i}.email` };
  if (!EMAIL.test(b.from?.email ?? '')) return { message: 'The from email does not contain a valid address.', field: 'from.email' };
  if (!(b.personalizations[0]!.subject ?? b.subject)) return { message: 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', field: 'subject' };
  if (!b.content?.length || b.content.some((x) => !x.value)) return { message: 'Unless a valid template_id is provided, the content parameter is required.', field: 'content' };
  return undefined;
}
