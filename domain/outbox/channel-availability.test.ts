import { describe, expect, it } from 'vitest';
import { channelAvailability } from './channel-availability';

const none = new Set<string>();

describe('which channels staff may use for a contact', () => {
  it('offers the preferred channel first, primary recipients first', () => {
    const a = channelAvailability(
      { phones: [{ raw: '555 0100', e164: '+13035550100', type: 'work' }, { raw: '555 0101', e164: '+13035550101', type: 'mobile', primary: true }], emails: [{ address: 'A@X.com' }], preferences: { channel: 'sms' } },
      { optedOutNumbers: none },
    );
    expect(a.preferred).toBe('sms');
    expect(a.sms.recipients.map((r) => r.value)).toEqual(['+13035550101', '+13035550100']);
    expect(a.email.recipients[0]!.value).toBe('a@x.com');
  });

  it('blocks a channel the contact refused, with the reason, and falls back to the other', () => {
    const a = channelAvailability({ phones: [{ raw: '1', e164: '+13035550101' }], emails: [{ address: 'a@x.com' }], preferences: { channel: 'sms', doNotContact: { sms: true } } }, { optedOutNumbers: none });
    expect(a.sms).toEqual({ available: false, reason: 'The contact asked not to be texted.', recipients: [] });
    expect(a.preferred).toBe('email');
  });

  it('leaves out numbers that replied STOP, and fax numbers', () => {
    const a = channelAvailability({ phones: [{ raw: '1', e164: '+13035550101' }, { raw: '2', e164: '+13035550102', type: 'fax' }] }, { optedOutNumbers: new Set(['+13035550101']) });
    expect(a.sms.available).toBe(false);
    expect(a.sms.reason).toMatch(/STOP/);
    expect(a.preferred).toBeUndefined();
  });
});
