// The webhooks the providers would send back: SendGrid's Event Webhook (a
// JSON array signed with the account's ECDSA key) and Twilio's status
// callbacks and inbound messages (form posts signed with the auth token,
// X-Twilio-Signature). Signed exactly as the providers sign, so Casebook's
// verification is the production code path.
import { createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import twilio from 'twilio';
import type { CapturedMessage, CaptureStore } from './capture-store';

export type SendGridAccount = { webhookUrl?: string; enabled: boolean; privateKey: KeyObject; publicKeyBase64: string };

export function newSendGridAccount(): SendGridAccount {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  // SendGrid shows the verification key as base64 DER (SPKI), without PEM armour.
  return { enabled: false, privateKey, publicKeyBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

export type SendGridEvent = 'processed' | 'delivered' | 'bounce' | 'dropped' | 'deferred' | 'open' | 'click' | 'spamreport' | 'unsubscribe';

const unixNow = () => Math.floor(Date.now() / 1000);

/** Builds SendGrid events for a captured email; custom_args ride on each event as top-level fields, as SendGrid sends them. */
export function sendGridEvents(m: CapturedMessage, events: SendGridEvent[]): Record<string, unknown>[] {
  return events.map((event) => ({
    email: m.to,
    timestamp: unixNow(),
    event,
    sg_event_id: randomBytes(16).toString('base64url'),
    sg_message_id: `${m.id}.filterdrecv-capture-1`,
    'smtp-id': `<${m.id}@capture.local>`,
    ...(event === 'bounce' ? { reason: '550 5.1.1 The email account that you tried to reach does not exist.', type: 'bounce', status: '5.1.1' } : {}),
    ...(event === 'dropped' ? { reason: 'Bounced Address' } : {}),
    ...(m.customArgs ?? {}),
  }));
}

// The last batch posted per message, so a replay (SendGrid retrying a post it thinks failed) can send the very same events.
const lastBatch = new Map<string, Record<string, unknown>[]>();
export const lastSendGridEvents = (messageId: string) => lastBatch.get(messageId);

export async function postSendGridEvents(store: CaptureStore, account: SendGridAccount, m: CapturedMessage, events: Record<string, unknown>[]): Promise<void> {
  if (!account.enabled || !account.webhookUrl) return;
  lastBatch.set(m.id, events);
  const body = JSON.stringify(events);
  const timestamp = String(unixNow());
  const signature = createSign('sha256').update(timestamp + body).sign(account.privateKey).toString('base64');
  await deliver(store, m, account.webhookUrl, events.map((e) => String(e.event)).join(','), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp },
    body,
  });
}

/** A Twilio-signed form post (status callback or inbound message) to `url`. */
export async function postTwilioForm(url: string, authToken: string, params: Record<string, string>): Promise<Response> {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature }, body: new URLSearchParams(params) });
}

export function twilioStatusParams(m: CapturedMessage, status: string, errorCode?: string): Record<string, string> {
  return {
    MessageSid: m.id,
    SmsSid: m.id,
    AccountSid: m.account,
    From: m.from,
    To: m.to,
    MessageStatus: status,
    SmsStatus: status,
    ApiVersion: '2010-04-01',
    ...(errorCode ? { ErrorCode: errorCode } : {}),
  };
}

export async function postTwilioStatus(store: CaptureStore, authToken: string, m: CapturedMessage, status: string, errorCode?: string): Promise<void> {
  if (!m.statusCallback) return;
  const params = twilioStatusParams(m, status, errorCode);
  const signature = twilio.getExpectedTwilioSignature(authToken, m.statusCallback, params);
  await deliver(store, m, m.statusCallback, status, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
  });
}

async function deliver(store: CaptureStore, m: CapturedMessage, url: string, event: string, init: RequestInit): Promise<void> {
  const at = new Date().toISOString();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    store.update(m.id, (x) => x.callbacks.push({ at, url, event, status: res.status }));
  } catch (err) {
    store.update(m.id, (x) => x.callbacks.push({ at, url, event, error: (err as Error).message }));
  }
}
