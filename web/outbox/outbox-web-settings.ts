import type { Config } from '../../config/config';
import { publicBaseUrl } from '../../activities/outbox/outbox-from-config';

/** What the web side of the outbox needs: webhook verification secrets, the address providers call back, the capture server (development). */
export type OutboxWebSettings = {
  sendGridWebhookKey?: string;
  twilioAuthToken?: string;
  twilioAccountSid?: string;
  twilioFrom?: string;
  /** PUBLIC_URL, else the web server's own address: the base of the links sent to clients and of the providers' webhooks. */
  publicUrl: string;
  /** The capture server: the Outbox page shows what it received. Never set in production. */
  captureUrl?: string;
  /** The SendGrid key the capture server files this installation's emails under (development). */
  sendGridApiKey?: string;
};

export function outboxWebSettings(c: Config): OutboxWebSettings {
  return {
    sendGridWebhookKey: c.SENDGRID_WEBHOOK_PUBLIC_KEY,
    twilioAuthToken: c.TWILIO_AUTH_TOKEN,
    twilioAccountSid: c.TWILIO_ACCOUNT_SID,
    twilioFrom: c.TWILIO_FROM,
    publicUrl: publicBaseUrl(c),
    captureUrl: c.NODE_ENV === 'production' ? undefined : c.CAPTURE_URL,
    sendGridApiKey: c.SENDGRID_API_KEY,
  };
}
