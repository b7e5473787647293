// Email through SendGrid's own SDK (@sendgrid/mail). The outbox id rides as
// a custom argument: SendGrid returns it on every Event Webhook event, and the
// Email Activity API finds a message by it when a retry must know whether an
// interrupted attempt got through. No client data goes into custom arguments.
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { ProviderError, type MessageProvider } from './message-provider';

export type SendGridSettings = { apiKey: string; apiUrl?: string; from: string; fromName: string; replyTo?: string };

type SendGridFailure = { code?: number; message: string; response?: { body?: { errors?: { message?: string; field?: string }[] } } };

export function sendGridEmail(s: SendGridSettings): MessageProvider {
  const client = new Client();
  client.setApiKey(s.apiKey);
  if (s.apiUrl) client.setDefaultRequest('baseUrl', s.apiUrl);
  client.setDefaultRequest('timeout' as never, 15_000 as never);
  const mail = new MailService();
  mail.setClient(client);
  return {
    name: 'sendgrid',
    async send(m) {
      try {
        const [res] = await mail.send({
          to: m.to,
          from: { email: s.from, name: s.fromName },
          ...(s.replyTo ? { replyTo: s.replyTo } : {}),
          subject: m.subject ?? s.fromName,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          customArgs: { outbox_id: m.outboxId },
          // Links are the firm's own (portal, downloads): no click-tracking redirect through another domain.
          trackingSettings: { clickTracking: { enable: false, enableText: false } },
        });
        const id = String(res.headers['x-message-id'] ?? '');
        if (!id) throw new ProviderError('transient', 'SendGrid accepted the email without a message id', undefined, true);
        return { providerMessageId: id };
      } catch (err) {
        throw classify(err as SendGridFailure);
      }
    },
    async findEarlier(m) {
      try {
        const [res, body] = await client.request({ method: 'GET', url: '/v3/messages', qs: { query: `unique_args['outbox_id']="${m.outboxId}"`, limit: 1 } });
        if (res.statusCode !== 200) return undefined;
        return (body as { messages?: { msg_id: string }[] }).messages?.[0]?.msg_id;
      } catch (err) {
        // Without the Email Activity add-on the look-up is refused: the retry then sends (at least once for email).
        if ((err as SendGridFailure).code && (err as SendGridFailure).code! < 500 && (err as SendGridFailure).code !== 429) return undefined;
        throw classify(err as SendGridFailure);
      }
    },
  };
}

function classify(err: SendGridFailure): ProviderError {
  if (err instanceof ProviderError) return err;
  const code = err.code;
  const first = err.response?.body?.errors?.[0];
  if (!code) return new ProviderError('transient', `SendGrid did not answer (${err.message})`, undefined, true);
  if (code === 429 || code >= 500) return new ProviderError('transient', `SendGrid did not take the email (HTTP ${code})`, String(code));
  if (code === 401 || code === 403) return new ProviderError('permanent', 'SendGrid refused Casebook\'s credentials (SENDGRID_API_KEY)', String(code));
  const field = first?.field ?? '';
  if (/to\.\d+\.email$/.test(field)) return new ProviderError('permanent', 'The email address is not valid', String(code));
  return new ProviderError('permanent', `SendGrid refused the email: ${first?.message ?? `HTTP ${code}`}`, String(code));
}
