// The dashboard's side of the capture server (development only): what it
// received for this installation's SendGrid key and Twilio account, and the
// "make the provider do X" buttons of the Outbox page.
import type { OutboxWebSettings } from './outbox-web-settings';

export type CapturedMessage = {
  id: string;
  provider: 'sendgrid' | 'twilio';
  receivedAt: string;
  to: string;
  from: string;
  subject?: string;
  text?: string;
  html?: string;
  customArgs?: Record<string, string>;
  status: string;
  callbacks: { at: string; event: string; status?: number; error?: string }[];
};

async function call<T>(s: OutboxWebSettings, path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(new URL(path, s.captureUrl), { ...init, headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`capture server: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Everything captured for this installation, newest first. */
export async function capturedMessages(s: OutboxWebSettings): Promise<CapturedMessage[]> {
  const [emails, texts] = await Promise.all([
    s.sendGridApiKey ? call<{ messages: CapturedMessage[] }>(s, `/_capture/messages?apiKey=${encodeURIComponent(s.sendGridApiKey)}`) : { messages: [] },
    s.twilioAccountSid ? call<{ messages: CapturedMessage[] }>(s, `/_capture/messages?account=${encodeURIComponent(s.twilioAccountSid)}`) : { messages: [] },
  ]);
  return [...emails.messages, ...texts.messages].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

/** The provider reports an event for a captured message (delivered, bounce, undelivered…), through its real webhook. */
export async function simulateEvent(s: OutboxWebSettings, capturedId: string, event: string): Promise<void> {
  await call(s, `/_capture/messages/${encodeURIComponent(capturedId)}/events`, { method: 'POST', body: JSON.stringify({ event }) });
}

/** The recipient of a text answers it ("STOP", "Thanks!"): Twilio posts it to Casebook's inbound webhook. */
export async function simulateReply(s: OutboxWebSettings, o: { from: string; body: string }): Promise<{ webhookStatus: number }> {
  return call(s, '/_capture/twilio/inbound', {
    method: 'POST',
    body: JSON.stringify({ accountSid: s.twilioAccountSid, from: o.from, to: s.twilioFrom, body: o.body, webhookUrl: `${s.publicUrl}/webhooks/twilio/inbound` }),
  });
}
