import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneNormalization = { ok: true; e164: string } | { ok: false; reason: string };

/** Parses what a person typed ("(415) 555-0134", "+44 20 7946 0958") to E.164. */
export function normalizePhone(raw: string, defaultRegion: string): PhoneNormalization {
  const trimmed = raw.trim();
  if (!trimmed) return { ok: false, reason: 'Phone number is empty' };
  if (/[a-z]/i.test(trimmed.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) return { ok: false, reason: 'Phone number has letters in it' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isPossible()) return { ok: false, reason: `"${trimmed}" is not a possible phone number` };
  if (!parsed.isValid()) return { ok: false, reason: `"${trimmed}" is not a valid phone number` };
  return { ok: true, e164: parsed.number };
}

/** Digits only, for matching a partial number typed into the search box. */
export function phoneDigits(text: string): string {
  return text.replace(/\D+/g, '');
}
