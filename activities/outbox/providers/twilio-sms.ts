// SMS through Twilio's own SDK. The status callback URL carries the outbox
// id (?m=…, not personal data, covered by Twilio's signature), so a callback
// finds its message even before the send's answer is recorded; a retry that must know whether an interrupted attempt got
// through lists the messages to that number since the attempt began and
// compares bodies (Twilio keeps no custom id on a message).
import { sameTextBesidesToken } from '../../../domain/portal/portal-token-slot';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type RequestOptions<T> = RequestClient.RequestOptions<T>;
import { ProviderError, type MessageProvider } from './message-provider';

export type TwilioSettings = { accountSid: string; authToken: string; from: string; apiUrl?: string; statusCallbackBase?: string };

/** Twilio error codes that mean "this number can never get this message". */
const PERMANENT: Record<number, string> = {
  21211: 'The phone number is not valid',
  21214: 'The phone number cannot receive texts',
  21408: 'Texts to this country are not enabled',
  21610: 'The number replied STOP: it has opted out of texts',
  21612: 'Twilio cannot text this number from Casebook\'s number',
  21614: 'The number is a landline, not a mobile',
};

/**
 * Twilio's request client, sending to `apiUrl` instead of api.twilio.com
 * when set (the capture server): the SDK's documented custom-client hook.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly apiUrl: string) {
    super({ timeout: 15_000 });
  }
  override request<TData>(opts: RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const target = new URL(this.apiUrl);
    uri.protocol = target.protocol;
    uri.host = target.host;
    return super.request<TData>({ ...opts, uri: uri.href });
  }
}

type TwilioFailure = { status?: number; code?: number; message: string };

export function twilioSms(s: TwilioSettings): MessageProvider {
  const client = twilio(s.accountSid, s.authToken, s.apiUrl ? { httpClient: new RedirectingRequestClient(s.apiUrl) } : { timeout: 15_000 });
  const fromField = s.from.startsWith('MG') ? { messagingServiceSid: s.from } : { from: s.from };
  return {
    name: 'twilio',
    async send(m) {
      try {
        const sent = await client.messages.create({ to: m.to, body: m.text, ...fromField, ...(s.statusCallbackBase ? { statusCallback: `${s.statusCallbackBase}?m=${m.outboxId}` } : {}) });
        return { providerMessageId: sent.sid };
      } catch (err) {
        throw classify(err as TwilioFailure);
      }
    },
    async findEarlier(m, since) {
      try {
        const list = await client.messages.list({ to: m.to, dateSentAfter: new Date(since.getTime() - 60_000), limit: 50 });
        return list.find((x) => sameTextBesidesToken(x.body, m.text))?.sid;
      } catch (err) {
        throw classify(err as TwilioFailure);
      }
    },
  };
}

function classify(err: TwilioFailure): ProviderError {
  const status = err.status;
  if (!status) return new ProviderError('transient', `Twilio did not answer (${err.message})`, undefined, true);
  if (status === 429 || status >= 500) return new ProviderError('transient', `Twilio did not take the text (HTTP ${status})`, String(status));
  if (err.code && PERMANENT[err.code]) return new ProviderError('permanent', PERMANENT[err.code]!, String(err.code));
  if (status === 401 || status === 403) return new ProviderError('permanent', 'Twilio refused Casebook\'s credentials (TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)', String(status));
  return new ProviderError('permanent', `Twilio refused the text: ${err.message}`, err.code ? String(err.code) : String(status));
}
