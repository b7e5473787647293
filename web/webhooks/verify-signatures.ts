// Is this webhook from the provider? SendGrid signs each Event Webhook post
// with the account's ECDSA key over timestamp + body; Twilio signs the full
// URL plus the sorted form parameters with the auth token (HMAC-SHA1). Both
// checked with the providers' own libraries.
import { EventWebhook } from '@sendgrid/eventwebhook';
import twilio from 'twilio';

/** A signed SendGrid post older than this is a replay (SendGrid posts within seconds; its retries carry a new timestamp). */
export const SENDGRID_MAX_AGE_SECONDS = 10 * 60;

const verifier = new EventWebhook();

function pemOf(key: string): string {
  if (key.includes('BEGIN PUBLIC KEY')) return key;
  return `-----BEGIN PUBLIC KEY-----\n${key.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PUBLIC KEY-----\n`;
}

export function verifySendGridSignature(o: { publicKey: string; body: string; signature?: string; timestamp?: string; now: Date }): 'ok' | 'bad-signature' | 'stale' {
  if (!o.signature || !o.timestamp || !/^\d{1,12}$/.test(o.timestamp)) return 'bad-signature';
  let valid = false;
  try {
    valid = verifier.verifySignature(verifier.convertPublicKeyToECDSA(pemOf(o.publicKey)), o.body, o.signature, o.timestamp);
  } catch {
    valid = false;
  }
  if (!valid) return 'bad-signature';
  return Math.abs(o.now.getTime() / 1000 - Number(o.timestamp)) > SENDGRID_MAX_AGE_SECONDS ? 'stale' : 'ok';
}

export function verifyTwilioSignature(o: { authToken: string; url: string; params: Record<string, string>; signature?: string }): boolean {
  if (!o.signature) return false;
  return twilio.validateRequest(o.authToken, o.signature, o.url, o.params);
}
