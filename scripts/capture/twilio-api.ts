// The part of Twilio's REST API Casebook uses, as Twilio answers it: create
// a message (201, status "queued", then signed status callbacks "sent" and
// "delivered") and list messages by recipient and date (the outbox's look-up
// of an earlier attempt). Numbers behave by rule, so every outcome can be
// produced on purpose:
//   not E.164 -> 400 code 21211;  replied STOP here -> 400 code 21610;
//   ending 0000 -> a landline, 400 code 21614;  ending 9999 -> accepted, then "undelivered" (30003).
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { postTwilioStatus } from './capture-callbacks';
import type { Faults } from './capture-faults';
import type { CapturedMessage, CaptureStore } from './capture-store';

const E164 = /^\+[1-9]\d{7,14}$/;

export type TwilioAccounts = {
  tokenOf(sid: string): string | undefined;
  optOut(sid: string, number: string, out: boolean): void;
  /** Forgets an account's opt-outs (a test starting over). */
  clearOptOuts(sid: string): void;
};

const twError = (c: Context, status: 400 | 401 | 404 | 429 | 500 | 502 | 503, code: number, message: string) =>
  c.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status);

const rfc2822 = (iso: string) => new Date(iso).toUTCString().replace('GMT', '+0000');

function resource(m: CapturedMessage) {
  return {
    sid: m.id,
    account_sid: m.account,
    to: m.to,
    from: m.from,
    body: m.text,
    status: m.status,
    direction: 'outbound-api',
    num_segments: String(Math.max(1, Math.ceil((m.text ?? '').length / 160))),
    date_created: rfc2822(m.receivedAt),
    date_sent: rfc2822(m.receivedAt),
    date_updated: rfc2822(m.receivedAt),
    error_code: m.status === 'undelivered' ? 30003 : null,
    error_message: null,
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${m.account}/Messages/${m.id}.json`,
  };
}

export function twilioApi(store: CaptureStore, faults: Faults) {
  const tokens = new Map<string, string>();
  const optedOut = new Set<string>(); // "<sid> <number>"
  const accounts: TwilioAccounts = {
    tokenOf: (sid) => tokens.get(sid),
    optOut: (sid, number, out) => void (out ? optedOut.add(`${sid} ${number}`) : optedOut.delete(`${sid} ${number}`)),
    clearOptOuts: (sid) => {
      for (const key of optedOut) if (key.startsWith(`${sid} `)) optedOut.delete(key);
    },
  };
  const app = new Hono<{ Variables: { sid: string } }>();

  app.use('/2010-04-01/Accounts/:sid/*', async (c, next) => {
    const [user, token] = Buffer.from((c.req.header('authorization') ?? '').replace(/^Basic /, ''), 'base64').toString().split(':');
    const sid = c.req.param('sid');
    // The first token seen for an account is its token: it signs that account's callbacks.
    if (!user || !token || user !== sid) return twError(c, 401, 20003, 'Authenticate');
    if (!tokens.has(sid)) tokens.set(sid, token);
    if (tokens.get(sid) !== token) return twError(c, 401, 20003, 'Authenticate');
    c.set('sid', sid);
    const failure = faults.failureFor('twilio');
    if (failure) return twError(c, failure as 429, failure === 429 ? 20429 : 20500, failure === 429 ? 'Too Many Requests' : 'Internal Server Error');
    await next();
  });

  app.post('/2010-04-01/Accounts/:sid/Messages.json', async (c) => {
    const form = await c.req.parseBody();
    const sid = c.get('sid');
    const to = String(form.To ?? '');
    const from = String(form.From ?? form.MessagingServiceSid ?? '');
    const body = String(form.Body ?? '');
    if (!E164.test(to)) return twError(c, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) return twError(c, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    if (!body) return twError(c, 400, 21602, 'Message body is required.');
    if (optedOut.has(`${sid} ${to}`)) return twError(c, 400, 21610, 'Attempt to send to unsubscribed recipient');
    if (to.endsWith('0000')) return twError(c, 400, 21614, `'To' number ${to} is not a valid mobile number`);
    const message: CapturedMessage = {
      id: 'SM' + randomBytes(16).toString('hex'),
      provider: 'twilio',
      account: sid,
      receivedAt: new Date().toISOString(),
      to,
      from,
      text: body,
      statusCallback: form.StatusCallback ? String(form.StatusCallback) : undefined,
      status: 'queued',
      callbacks: [],
    };
    store.add(message);
    const callbacks = faults.callbacksOn('twilio');
    await faults.released('twilio');
    const token = tokens.get(sid)!;
    if (callbacks) setImmediate(async () => {
      const final = to.endsWith('9999') ? 'undelivered' : 'delivered';
      store.update(message.id, (m) => (m.status = final));
      await postTwilioStatus(store, token, message, 'sent');
      await postTwilioStatus(store, token, message, final, final === 'undelivered' ? '30003' : undefined);
    });
    return c.json(resource(message), 201);
  });

  app.get('/2010-04-01/Accounts/:sid/Messages.json', (c) => {
    const q = c.req.query();
    const after = q['DateSent>'] ? Date.parse(q['DateSent>']) : undefined;
    const found = store
      .list({ account: c.get('sid') })
      .filter((m) => m.provider === 'twilio' && (!q.To || m.to === q.To) && (!q.From || m.from === q.From) && (after === undefined || Date.parse(m.receivedAt) >= after))
      .reverse();
    const size = Math.min(Number(q.PageSize ?? 50) || 50, 1000);
    const uri = `/2010-04-01/Accounts/${c.get('sid')}/Messages.json`;
    return c.json({ messages: found.slice(0, size).map(resource), page: 0, page_size: size, start: 0, end: Math.min(size, found.length) - 1, uri, first_page_uri: uri, next_page_uri: null, previous_page_uri: null });
  });

  app.get('/2010-04-01/Accounts/:sid/Messages/:messageSid{SM[0-9a-f]+}.json', (c) => {
    const m = store.get(c.req.param('messageSid'));
    if (!m || m.account !== c.get('sid')) return twError(c, 404, 20404, 'The requested resource was not found');
    return c.json(resource(m));
  });

  return { app, accounts };
}
