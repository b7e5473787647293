// The capture server's own API, for the dashboard's Outbox page (development
// only), the tests and the outbox bench: what was received, and "make the
// provider do X": deliver, bounce, a reply (STOP included), a replay of the
// last callbacks, faults.
import { Hono } from 'hono';
import { lastSendGridEvents, postSendGridEvents, postTwilioForm, postTwilioStatus, sendGridEvents, type SendGridAccount, type SendGridEvent } from './capture-callbacks';
import type { FaultRule, Faults } from './capture-faults';
import type { CaptureStore } from './capture-store';
import { sendGridAccountOf } from './sendgrid-api';
import type { TwilioAccounts } from './twilio-api';

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const START_WORDS = new Set(['START', 'UNSTOP', 'YES']);

export function captureControl(o: { store: CaptureStore; faults: Faults; sendGridAccount: (id: string) => SendGridAccount; twilio: TwilioAccounts }) {
  const app = new Hono();

  // ?account= a Twilio account SID or a SendGrid account id; ?apiKey= a SendGrid key (turned into its account id).
  app.get('/_capture/messages', (c) => {
    const apiKey = c.req.query('apiKey');
    const account = apiKey ? sendGridAccountOf(apiKey) : c.req.query('account');
    const messages = o.store.list({ account }).slice().reverse();
    return c.json({ messages });
  });
  app.get('/_capture/messages/:id', (c) => {
    const m = o.store.get(c.req.param('id'));
    return m ? c.json(m) : c.json({ error: 'not found' }, 404);
  });
  app.delete('/_capture/messages', (c) => {
    const apiKey = c.req.query('apiKey');
    const account = apiKey ? sendGridAccountOf(apiKey) : c.req.query('account');
    o.store.clear(account);
    if (account?.startsWith('AC')) o.twilio.clearOptOuts(account);
    return c.body(null, 204);
  });

  // A provider event for a captured message: { event: 'delivered' | 'bounce' | 'undelivered' | 'failed' | … }.
  app.post('/_capture/messages/:id/events', async (c) => {
    const m = o.store.get(c.req.param('id'));
    if (!m) return c.json({ error: 'not found' }, 404);
    const { event } = (await c.req.json()) as { event: string };
    o.store.update(m.id, (x) => (x.status = event));
    if (m.provider === 'sendgrid') await postSendGridEvents(o.store, o.sendGridAccount(m.account), m, sendGridEvents(m, [event as SendGridEvent]));
    else await postTwilioStatus(o.store, o.twilio.tokenOf(m.account) ?? '', m, event, event === 'undelivered' || event === 'failed' ? '30003' : undefined);
    return c.json(o.store.get(m.id));
  });

  // SendGrid posting the same events again (same sg_event_id, fresh signature), as it does when it thinks a post failed.
  app.post('/_capture/messages/:id/replay', async (c) => {
    const m = o.store.get(c.req.param('id'));
    const events = m && lastSendGridEvents(m.id);
    if (!m || !events) return c.json({ error: 'nothing to replay' }, 404);
    await postSendGridEvents(o.store, o.sendGridAccount(m.account), m, events);
    return c.json(o.store.get(m.id));
  });

  // Events in the order given, in one post (out of order on purpose): { events: ['delivered', 'processed'] }.
  app.post('/_capture/messages/:id/event-batch', async (c) => {
    const m = o.store.get(c.req.param('id'));
    if (!m || m.provider !== 'sendgrid') return c.json({ error: 'not a captured email' }, 404);
    const { events } = (await c.req.json()) as { events: SendGridEvent[] };
    await postSendGridEvents(o.store, o.sendGridAccount(m.account), m, sendGridEvents(m, events));
    return c.json(o.store.get(m.id));
  });

  // The recipient answers an SMS: Twilio posts the inbound message to `webhookUrl`. STOP-like words opt the number out here too, as Twilio does.
  app.post('/_capture/twilio/inbound', async (c) => {
    const b = (await c.req.json()) as { accountSid: string; from: string; to: string; body: string; webhookUrl: string };
    const token = o.twilio.tokenOf(b.accountSid);
    if (!token) return c.json({ error: 'unknown account: send a message from it first' }, 404);
    const word = b.body.trim().toUpperCase();
    if (STOP_WORDS.has(word)) o.twilio.optOut(b.accountSid, b.from, true);
    if (START_WORDS.has(word)) o.twilio.optOut(b.accountSid, b.from, false);
    const sid = 'SM' + crypto.randomUUID().replaceAll('-', '');
    const params: Record<string, string> = { MessageSid: sid, SmsSid: sid, AccountSid: b.accountSid, From: b.from, To: b.to, Body: b.body, NumMedia: '0', NumSegments: '1', ApiVersion: '2010-04-01' };
    if (STOP_WORDS.has(word)) params.OptOutType = 'STOP';
    if (START_WORDS.has(word)) params.OptOutType = 'START';
    const res = await postTwilioForm(b.webhookUrl, token, params);
    return c.json({ messageSid: sid, webhookStatus: res.status, webhookBody: await res.text() });
  });

  app.post('/_capture/faults', async (c) => {
    o.faults.set((await c.req.json()) as FaultRule);
    return c.body(null, 204);
  });
  app.delete('/_capture/faults', (c) => {
    o.faults.clear();
    return c.body(null, 204);
  });
  app.post('/_capture/release', (c) => {
    const held = o.faults.held();
    o.faults.release();
    return c.json({ released: held });
  });
  app.get('/_capture/held', (c) => c.json({ held: o.faults.held() }));
  app.get('/_capture/health', (c) => c.json({ ok: true }));
  return app;
}
