// Points an installation at the capture server: local credentials for the
// SendGrid and Twilio SDKs, the Event Webhook registered (through SendGrid's
// own settings API, as an operator would in SendGrid's console) and its
// verification key fetched. Returns the environment the worker and web
// server need. Used by npm start, the tests and the outbox bench.
import { createHash } from 'node:crypto';

export type CaptureAccount = { sendGridApiKey: string; twilioAccountSid: string; twilioAuthToken: string; twilioFrom: string };

/** Credentials for the capture server, one set per name (each test file, the dev install): their messages never mix. */
export function captureAccount(name: string): CaptureAccount {
  const hex = createHash('sha256').update(name).digest('hex');
  return { sendGridApiKey: `SG.capture-${name}`, twilioAccountSid: `AC${hex.slice(0, 32)}`, twilioAuthToken: hex.slice(32, 64), twilioFrom: '+15005550006' };
}

export async function connectCapture(o: { captureUrl: string; account: CaptureAccount; webhookBaseUrl: string }): Promise<Record<string, string>> {
  const api = async (path: string, body: unknown) => {
    const res = await fetch(new URL(path, o.captureUrl), { method: 'PATCH', headers: { authorization: `Bearer ${o.account.sendGridApiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`capture server ${path}: ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  await api('/v3/user/webhooks/event/settings', { enabled: true, url: `${o.webhookBaseUrl}/webhooks/sendgrid/events` });
  const signed = await api('/v3/user/webhooks/event/settings/signed', { enabled: true });
  return {
    CAPTURE_URL: o.captureUrl,
    SENDGRID_API_KEY: o.account.sendGridApiKey,
    SENDGRID_API_URL: o.captureUrl,
    SENDGRID_WEBHOOK_PUBLIC_KEY: String(signed.public_key),
    TWILIO_ACCOUNT_SID: o.account.twilioAccountSid,
    TWILIO_AUTH_TOKEN: o.account.twilioAuthToken,
    TWILIO_FROM: o.account.twilioFrom,
    TWILIO_API_URL: o.captureUrl,
  };
}
