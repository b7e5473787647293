import { foldedTokens } from '../text/fold-text';
import { normalizeEmail } from './normalize-email';
import { normalizePhone, phoneDigits } from './normalize-phone';

export type ContactSearch =
  | { kind: 'none' }
  | { kind: 'email'; canonical: string }
  | { kind: 'emailPrefix'; prefix: string }
  | { kind: 'phone'; e164: string }
  | { kind: 'phoneDigits'; digits: string }
  | { kind: 'name'; words: string[] };

/**
 * What the one search box means: an email (has @), a phone number in any
 * format (mostly digits), or name words, each matching the start of a name word.
 */
export function parseContactSearch(q: string | undefined, region: string): ContactSearch {
  const text = q?.trim() ?? '';
  if (!text) return { kind: 'none' };
  if (text.includes('@')) {
    const email = normalizeEmail(text);
    return email.ok ? { kind: 'email', canonical: email.canonical } : { kind: 'emailPrefix', prefix: text.toLowerCase() };
  }
  const digits = phoneDigits(text);
  if (digits.length >= 3 && digits.length >= text.replace(/[\s()+.-]/g, '').length) {
    const phone = normalizePhone(text, region);
    if (phone.ok) return { kind: 'phone', e164: phone.e164 };
    return { kind: 'phoneDigits', digits: digits.slice(-7) };
  }
  const words = foldedTokens(text).slice(0, 4);
  return words.length ? { kind: 'name', words } : { kind: 'none' };
}
