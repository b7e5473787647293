import { foldedTokens } from '../text/fold-text';
import { normalizeEmail } from './normalize-email';
import { normalizePhone, phoneDigits } from './normalize-phone';

export type ContactSearch =
  | { kind: 'none' }
  | { kind: 'email'; canonical: string }
  | { kind: 'emailPrefix'; prefix: string }
  | { kind: 'phone'; e164: string }
  | { kind: 'phoneDigits'; digits: string }
  | { kind: 'name'; words: string[] }
  /** A search that cannot be run (searchProblem): it matches no contact, so nothing downstream widens it to all. */
  | { kind: 'refused'; reason: string };

export const MAX_SEARCH_CHARS = 100;

/**
 * Why a search cannot be run, or undefined when it can. A refused search is
 * shown as refused: it used to be dropped silently (too long) or to match
 * every contact (only punctuation), so the list showed everyone and Export
 * then exported everyone.
 */
export function searchProblem(q: string | undefined): string | undefined {
  const text = q?.trim() ?? '';
  if (!text) return undefined;
  if (text.length > MAX_SEARCH_CHARS) return `A search can be at most ${MAX_SEARCH_CHARS} characters; this one has ${text.length}. Search by a name, an email address or a phone number.`;
  if (!/[\p{L}\p{N}]/u.test(text)) return `“${text}” has no letters or digits to search for. Search by a name, an email address or a phone number.`;
  return undefined;
}

/**
 * What the one search box means: an email (has @), a phone number in any
 * format (mostly digits), or name words, each matching the start of a name word.
 */
export function parseContactSearch(q: string | undefined, region: string): ContactSearch {
  const text = q?.trim() ?? '';
  if (!text) return { kind: 'none' };
  const problem = searchProblem(text);
  if (problem) return { kind: 'refused', reason: problem };
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
  return words.length ? { kind: 'name', words } : { kind: 'refused', reason: `“${text}” has nothing Casebook can search for. Search by a name, an email address or a phone number.` };
}
