// An outbox on the real servers for one test file: its own capture-server
// account (so captures never mix between files), the web server on a port
// known before it starts (the Event Webhook is registered to it), and the
// environment a worker process needs to send through the capture server.
import { captureAccount, connectCapture, type CaptureAccount } from '../../scripts/capture/connect-capture';
import type { OutboxWebSettings } from '../../web/outbox/outbox-web-settings';
import { freePort } from './free-port';
import type { TestEnv } from './test-env';
import { startWebServer, type WebServer } from './web-server';

export type CapturedForTest = { id: string; provider: 'sendgrid' | 'twilio'; receivedAt: string; to: string; subject?: string; text?: string; customArgs?: Record<string, string>; status: string; callbacks: { event: string; status?: number }[] };

export type OutboxRig = {
  web: WebServer;
  account: CaptureAccount;
  /** The worker's environment: provider settings pointed at the capture server, webhooks at this web server. */
  workerEnv: Record<string, string>;
  captured: () => Promise<CapturedForTest[]>;
  capture: (path: string, body?: unknown, method?: string) => Promise<Response>;
};

export async function openOutboxRig(env: TestEnv, name: string, o: { bundleLifetimeMs?: number } = {}): Promise<OutboxRig> {
  const account = captureAccount(`test-${name}`);
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const vars = await connectCapture({ captureUrl: env.captureUrl, account, webhookBaseUrl: webUrl });
  const outbox: OutboxWebSettings = {
    sendGridWebhookKey: vars.SENDGRID_WEBHOOK_PUBLIC_KEY,
    sendGridApiKey: account.sendGridApiKey,
    twilioAuthToken: account.twilioAuthToken,
    twilioAccountSid: account.twilioAccountSid,
    twilioFrom: account.twilioFrom,
    publicUrl: webUrl,
    captureUrl: env.captureUrl,
  };
  const capture = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    fetch(new URL(path, env.captureUrl), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  // A rerun starts with nothing captured for this account.
  await capture(`/_capture/messages?apiKey=${encodeURIComponent(account.sendGridApiKey)}`, undefined, 'DELETE');
  await capture(`/_capture/messages?account=${account.twilioAccountSid}`, undefined, 'DELETE');
  await capture('/_capture/faults', undefined, 'DELETE');
  const web = await startWebServer(env, { port, outbox, bundleLifetimeMs: o.bundleLifetimeMs });
  const captured = async () => {
    const [emails, texts] = await Promise.all([
      capture(`/_capture/messages?apiKey=${encodeURIComponent(account.sendGridApiKey)}`).then((r) => r.json() as Promise<{ messages: CapturedForTest[] }>),
      capture(`/_capture/messages?account=${account.twilioAccountSid}`).then((r) => r.json() as Promise<{ messages: CapturedForTest[] }>),
    ]);
    return [...emails.messages, ...texts.messages];
  };
  return { web, account, workerEnv: { ...vars, PUBLIC_URL: webUrl }, captured, capture };
}

/** Polls `check` until it returns something truthy (a condition, not a sleep: it returns as soon as the condition holds). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fixed-offset zone where the local hour is now `hour` (quiet-hours tests: the middle of the night, or the afternoon). */
export function zoneWhereItIsNow(hour: number): string {
  const offset = ((new Date().getUTCHours() - hour + 36) % 24) - 12; // -12..11 hours behind UTC
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '+' : '-'}${Math.abs(offset)}`;
}
