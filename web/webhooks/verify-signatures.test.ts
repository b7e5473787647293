import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySendGridSignature, verifyTwilioSignature } from './verify-signatures';

describe('webhook signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const body = JSON.stringify([{ event: 'delivered', sg_event_id: 'e1' }]);
  const now = new Date('2026-12-01T12:00:00Z');
  const ts = String(now.getTime() / 1000);
  const sign = (t: string, b: string) => createSign('sha256').update(t + b).sign(privateKey).toString('base64');

  it('takes SendGrid posts signed with the account key, and refuses altered, unsigned and old ones', () => {
    expect(verifySendGridSignature({ publicKey: key, body, signature: sign(ts, body), timestamp: ts, now })).toBe('ok');
    expect(verifySendGridSignature({ publicKey: key, body: body.replace('delivered', 'bounce'), signature: sign(ts, body), timestamp: ts, now })).toBe('bad-signature');
    expect(verifySendGridSignature({ publicKey: key, body, timestamp: ts, now })).toBe('bad-signature');
    expect(verifySendGridSignature({ publicKey: key, body, signature: 'garbage', timestamp: ts, now })).toBe('bad-signature');
    const old = String(now.getTime() / 1000 - 3600);
    expect(verifySendGridSignature({ publicKey: key, body, signature: sign(old, body), timestamp: old, now })).toBe('stale');
  });

  it('takes Twilio posts signed over the URL and sorted parameters with the auth token', () => {
    const url = 'https://casebook.example/webhooks/twilio/status?m=abc';
    const params = { MessageSid: 'SM1', MessageStatus: 'delivered' };
    const signature = createHmac('sha1', 'token').update(url + 'MessageSidSM1MessageStatusdelivered').digest('base64');
    expect(verifyTwilioSignature({ authToken: 'token', url, params, signature })).toBe(true);
    expect(verifyTwilioSignature({ authToken: 'token', url: url.replace('abc', 'xyz'), params, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken: 'other', url, params, signature })).toBe(false);
    expect(verifyTwilioSignature({ authToken: 'token', url, params })).toBe(false);
  });
});
