// The providers' webhooks: SendGrid's Event Webhook, Twilio's status
// callbacks and inbound messages. No staff session and no CSRF token (the
// providers have neither): each request proves itself by its signature, and
// is refused (403) without a valid one. Mounted ahead of the dashboard's
// session and CSRF middleware.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { applySendGridEvents, applyTwilioStatus } from '../../activities/outbox/apply-provider-events';
import { receiveInboundSms } from '../../activities/outbox/receive-inbound-sms';
import { config } from '../../config/config';
import { logger } from '../../logging/logger';
import type { AppEnv } from '../env';
import { verifySendGridSignature, verifyTwilioSignature } from './verify-signatures';

export const webhookRoutes = new Hono<AppEnv>();

webhookRoutes.use('*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.text('Too large', 413) }));

const refuse = (c: Context, why: string) => {
  logger.warn({ path: c.req.path, why }, 'webhook refused');
  return c.text(why, 403);
};

webhookRoutes.post('/sendgrid/events', async (c) => {
  const key = c.get('services').outbox.sendGridWebhookKey;
  if (!key) return refuse(c, 'Signed Event Webhook is not configured (SENDGRID_WEBHOOK_PUBLIC_KEY)');
  const body = await c.req.text();
  const check = verifySendGridSignature({ publicKey: key, body, signature: c.req.header('X-Twilio-Email-Event-Webhook-Signature'), timestamp: c.req.header('X-Twilio-Email-Event-Webhook-Timestamp'), now: new Date() });
  if (check !== 'ok') return refuse(c, check === 'stale' ? 'Signature too old (a replay?)' : 'Bad signature');
  let events: unknown;
  try {
    events = JSON.parse(body);
  } catch {
    return c.text('Body is not JSON', 400);
  }
  if (!Array.isArray(events)) return c.text('Expected an array of events', 400);
  const tally = await applySendGridEvents(events.filter((e) => e && typeof e === 'object'));
  return c.json(tally);
});

/** The URL Twilio signed: the one it was given (PUBLIC_URL-based), with this request's path and query. */
function signedUrl(c: Context<AppEnv>): string {
  const here = new URL(c.req.url);
  return `${c.get('services').outbox.publicUrl}${here.pathname}${here.search}`;
}

async function twilioForm(c: Context<AppEnv>): Promise<Record<string, string> | Response> {
  const token = c.get('services').outbox.twilioAuthToken;
  if (!token) return refuse(c, 'Twilio is not configured (TWILIO_AUTH_TOKEN)');
  const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
  if (!verifyTwilioSignature({ authToken: token, url: signedUrl(c), params, signature: c.req.header('X-Twilio-Signature') })) return refuse(c, 'Bad signature');
  const account = c.get('services').outbox.twilioAccountSid;
  if (account && params.AccountSid !== account) return refuse(c, 'Another account');
  return params;
}

webhookRoutes.post('/twilio/status', async (c) => {
  const p = await twilioForm(c);
  if (p instanceof Response) return p;
  const outcome = await applyTwilioStatus({ messageSid: p.MessageSid ?? '', status: p.MessageStatus ?? '', errorCode: p.ErrorCode, outboxId: c.req.query('m') });
  return c.json({ outcome });
});

webhookRoutes.post('/twilio/inbound', async (c) => {
  const p = await twilioForm(c);
  if (p instanceof Response) return p;
  const received = await receiveInboundSms({ messageSid: p.MessageSid ?? '', from: p.From ?? '', to: p.To ?? '', body: p.Body ?? '' });
  // TwiML: HELP gets the firm's name and how to reach it; STOP and START are confirmed by Twilio itself.
  const reply = received.keyword === 'help' ? `${config.FIRM_NAME}: reply STOP to stop texts. Questions? Email ${config.EMAIL_REPLY_TO ?? config.EMAIL_FROM}.` : undefined;
  c.header('Content-Type', 'text/xml');
  return c.body(`<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${escapeXml(reply)}</Message>` : ''}</Response>`);
});

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);
