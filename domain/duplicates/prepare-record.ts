import { doubleMetaphone } from 'double-metaphone';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { foldText } from '../text/fold-text';
import { normalizeEmail, type EmailRules } from '../contacts/normalize-email';
import { normalizePhone } from '../contacts/normalize-phone';
import type { BirthDate, MatchInput, PreparedRecord } from './match-record';
import { parsePersonName } from './parse-person-name';

export type PrepareOptions = { defaultRegion: string; emailRules?: EmailRules };

export function prepareRecord(input: MatchInput, o: PrepareOptions): PreparedRecord {
  let first = foldText(input.firstName);
  let middle = foldText(input.middleName);
  let last = foldText(input.lastName);
  if (input.fullName && (!first || !last)) {
    const parsed = parsePersonName(input.fullName);
    first ||= parsed.first;
    last ||= parsed.last;
    middle ||= parsed.middle.join(' ');
  }
  const street = foldText(input.street);
  const houseNumber = (street.match(/\b\d+[a-z]?\b/) ?? [''])[0];
  return {
    id: input.id,
    first,
    middle,
    last,
    firstCodes: phoneticCodes(first),
    lastCodes: phoneticCodes(last),
    dob: parseBirthDate(input.dateOfBirth),
    phones: unique((input.phones ?? []).map((p) => phoneKey(p, o.defaultRegion)).filter(Boolean)),
    emails: unique((input.emails ?? []).map((e) => normalizeEmail(e, o.emailRules)).flatMap((n) => (n.ok ? [n.canonical] : []))),
    houseNumber,
    streetName: street.replace(/\b\d+[a-z]?\b/g, ' ').replace(/\s+/g, ' ').trim(),
    city: foldText(input.city),
    postcode: (input.postcode ?? '').replace(/\s+/g, '').toLowerCase(),
    state: foldText(input.state),
    country: foldText(input.country),
  };
}

/** Double Metaphone of the whole folded name, without spaces ("mc donald" = "mcdonald"). */
export function phoneticCodes(folded: string): string[] {
  const squeezed = folded.replace(/ /g, '');
  if (!squeezed) return [];
  return unique(doubleMetaphone(squeezed).filter(Boolean));
}

/** E.164 when the number is valid, or at least possible (an unassigned area code is still the same typed number). */
function phoneKey(raw: string, region: string): string {
  // Stored contacts carry E.164 already (set only when valid): no second parse, which is most of preparing a record.
  if (raw.length >= 8 && raw[0] === '+' && /^\+[1-9]\d{6,14}$/.test(raw)) return raw;
  const n = normalizePhone(raw, region);
  if (n.ok) return n.e164;
  const possible = parsePhoneNumberFromString(raw, region.toUpperCase() as CountryCode);
  if (possible?.isPossible()) return possible.number;
  const digits = raw.replace(/\D+/g, '');
  return digits.length >= 7 ? digits : '';
}

/**
 * "1980-03-07", "19800307", "1980/3/7" -> parts; anything else is missing.
 * Impossible dates (month 13) are kept: they are usually typos of a real
 * date, and "one digit off" is evidence the comparator can use.
 */
export function parseBirthDate(raw: string | undefined): BirthDate | undefined {
  const m = (raw ?? '').trim().match(/^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2}))$/);
  if (!m) return undefined;
  const year = m[1]!;
  const month = (m[2] ?? m[4]!).padStart(2, '0');
  const day = (m[3] ?? m[5]!).padStart(2, '0');
  return { year, month, day, digits: `${year}${month}${day}` };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
