import type { Config } from '../../config/config';
import { MESSAGE_PURPOSES, type MessagePurpose } from '../../domain/outbox/message-purposes';
import { parseWindow, type SendingWindow } from '../../domain/outbox/quiet-hours';
import type { OutboxDeps } from './outbox-deps';
import { unconfiguredProvider } from './providers/message-provider';
import { sendGridEmail } from './providers/sendgrid-email';
import { twilioSms } from './providers/twilio-sms';

/** The address the outside world reaches Casebook at: PUBLIC_URL, else the web server's own. Links sent to clients (portal, forms, bundles) and the providers' webhooks start with it. */
export function publicBaseUrl(c: Config): string {
  return (c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`).replace(/\/$/, '');
}

/** The outbox's providers and rules from configuration; a provider without credentials fails its messages with the reason. */
export function outboxFromConfig(c: Config): OutboxDeps {
  const email = c.SENDGRID_API_KEY
    ? sendGridEmail({ apiKey: c.SENDGRID_API_KEY, apiUrl: c.SENDGRID_API_URL, from: c.EMAIL_FROM, fromName: c.FIRM_NAME, replyTo: c.EMAIL_REPLY_TO })
    : unconfiguredProvider('sendgrid', 'Email is not set up (SENDGRID_API_KEY)');
  const sms =
    c.TWILIO_ACCOUNT_SID && c.TWILIO_AUTH_TOKEN && c.TWILIO_FROM
      ? twilioSms({ accountSid: c.TWILIO_ACCOUNT_SID, authToken: c.TWILIO_AUTH_TOKEN, from: c.TWILIO_FROM, apiUrl: c.TWILIO_API_URL, statusCallbackBase: `${publicBaseUrl(c)}/webhooks/twilio/status` })
      : unconfiguredProvider('twilio', 'Texting is not set up (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)');
  const windows = smsWindows(c.SMS_HOURS, c.SMS_HOURS_BY_PURPOSE);
  return { email, sms, smsWindow: (p) => windows[p], firmTimezone: c.FIRM_TIMEZONE, publicUrl: publicBaseUrl(c) };
}

/** SMS_HOURS and SMS_HOURS_BY_PURPOSE ("reminder=09:00-20:00,…") as a window per purpose; a malformed entry is an error at start. */
export function smsWindows(all: string, byPurpose: string): Record<MessagePurpose, SendingWindow> {
  const base = parseWindow(all);
  if (!base) throw new Error(`SMS_HOURS must look like 08:00-21:00 (got "${all}")`);
  const out = Object.fromEntries(MESSAGE_PURPOSES.map((p) => [p, base])) as Record<MessagePurpose, SendingWindow>;
  for (const entry of byPurpose.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [purpose, hours] = entry.split('=');
    const w = hours ? parseWindow(hours) : undefined;
    if (!MESSAGE_PURPOSES.includes(purpose as MessagePurpose) || !w) throw new Error(`SMS_HOURS_BY_PURPOSE: "${entry}" is not <purpose>=HH:MM-HH:MM (purposes: ${MESSAGE_PURPOSES.join(', ')})`);
    out[purpose as MessagePurpose] = w;
  }
  return out;
}
