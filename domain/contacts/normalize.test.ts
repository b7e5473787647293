import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './normalize-email';
import { normalizePhone } from './normalize-phone';
import { contactSearchKeys } from './contact-search-keys';

describe('normalizePhone', () => {
  it('parses national and international formats to E.164', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('+44 20 7946 0958', 'US')).toEqual({ ok: true, e164: '+442079460958' });
  });
  it('explains what is wrong', () => {
    const r = normalizePhone('12', 'US');
    expect(r.ok).toBe(false);
    expect(normalizePhone('call me', 'US')).toEqual({ ok: false, reason: 'Phone number has letters in it' });
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and applies Gmail rules', () => {
    expect(normalizeEmail(' Jane.Doe+work@GMAIL.com ')).toEqual({ ok: true, canonical: 'janedoe@gmail.com' });
    expect(normalizeEmail('Jane.Doe+x@firm.com')).toEqual({ ok: true, canonical: 'jane.doe+x@firm.com' });
  });
  it('rejects what is not an address', () => {
    expect(normalizeEmail('jane@').ok).toBe(false);
    expect(normalizeEmail('jane doe@x.com').ok).toBe(false);
  });
});

describe('contactSearchKeys', () => {
  it('builds sort, token, phone and email keys', () => {
    const keys = contactSearchKeys({
      firstName: 'Ana',
      lastName: 'García',
      phones: [{ raw: '(415) 555-2671', e164: '+14155552671' }],
      emails: [{ canonical: 'ana@x.com' }],
    });
    expect(keys).toEqual({ sortName: 'garcia ana', nameTokens: ['ana', 'garcia'], phoneKeys: ['+14155552671', '5552671'], emailKeys: ['ana@x.com'] });
  });
});
