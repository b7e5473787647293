import type { MatchInput } from './match-record';
import type { MatchReason } from './score-pair';
import { isOneEdit } from './compare-fields';

/** How values are shown (the staff member's formats): a phone in E.164, a YYYY-MM-DD date. */
export type ReasonFormats = { phone: (e164: string) => string; date: (isoDate: string) => string };

const NAMES = { firstName: ['first name', 'first names'], middleName: ['middle name', 'middle names'], lastName: ['surname', 'surnames'] } as const;

/**
 * A reason in plain words, with the values as the two records hold them:
 * "first names Katherine and Kathryn are spelled alike", "same phone,
 * (312) 750-8527". The engine's own wording (normalized values, Jaro-Winkler
 * similarities, bits) stays behind the details toggle (`reason.text`).
 */
export function plainReason(r: Pick<MatchReason, 'comparator' | 'level'>, a: MatchInput, b: MatchInput, f: ReasonFormats): string {
  if (r.level === 'swapped') return 'first and last names swapped between the records';
  switch (r.comparator) {
    case 'firstName':
    case 'middleName':
    case 'lastName':
      return plainName(r.comparator, r.level, a, b);
    case 'dateOfBirth':
      return plainBirthDate(r.level, a.dateOfBirth ?? '', b.dateOfBirth ?? '', f);
    case 'phone':
      return plainPhone(r.level, a.phones ?? [], b.phones ?? [], f);
    case 'email':
      return plainEmail(r.level, a.emails ?? [], b.emails ?? []);
    case 'houseNumber':
    case 'streetName':
      return r.level === 'different' ? `different street addresses (${a.street} and ${b.street})` : `same street address, ${a.street || b.street}`;
    case 'city':
      return r.level === 'different' ? `different cities (${a.city} and ${b.city})` : r.level === 'similar' ? `cities ${a.city} and ${b.city} are spelled alike` : `same city, ${a.city}`;
    case 'postcode':
      return r.level === 'different' ? `different postcodes (${a.postcode} and ${b.postcode})` : r.level === 'oneDigit' ? `postcodes ${a.postcode} and ${b.postcode} are one digit apart` : `same postcode, ${a.postcode}`;
    case 'state':
      return r.level === 'different' ? `different states (${a.state} and ${b.state})` : `same state, ${a.state}`;
    case 'country':
      return r.level === 'different' ? `different countries (${a.country} and ${b.country})` : `same country, ${a.country}`;
  }
}

function plainName(comparator: keyof typeof NAMES, level: string, a: MatchInput, b: MatchInput): string {
  const [one, many] = NAMES[comparator];
  const x = a[comparator] || '';
  const y = b[comparator] || '';
  switch (level) {
    case 'exact':
      return `same ${one}, ${x}`;
    case 'nickname':
      return `${many} ${x} and ${y}: one is a nickname for the other`;
    case 'typo':
    case 'similar':
      return `${many} ${x} and ${y} are spelled alike`;
    case 'phonetic':
      return `${many} ${x} and ${y} sound alike`;
    case 'initial':
      return `${many} ${x} and ${y}: one is the other's initial`;
    case 'partial':
      return `${many} ${x} and ${y}: one is part of the other`;
    default:
      return `different ${many} (${x} and ${y})`;
  }
}

function plainBirthDate(level: string, x: string, y: string, f: ReasonFormats): string {
  const show = (d: string) => (/^\d{4}-?\d{2}-?\d{2}$/.test(d) ? f.date(d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d) : d);
  switch (level) {
    case 'exact':
      return `same date of birth, ${show(x)}`;
    case 'swappedDayMonth':
      return `dates of birth ${show(x)} and ${show(y)}: day and month swapped`;
    case 'oneDigit':
      return `dates of birth ${show(x)} and ${show(y)} are one digit apart`;
    case 'sameYear':
      return `born the same year (${show(x)} and ${show(y)})`;
    case 'decadesApart':
      return `born a generation apart (${show(x)} and ${show(y)})`;
    default:
      return `different dates of birth (${show(x)} and ${show(y)})`;
  }
}

function digits(p: string): string {
  return p.replace(/\D+/g, '');
}

function plainPhone(level: string, xs: string[], ys: string[], f: ReasonFormats): string {
  const pairs = xs.flatMap((x) => ys.map((y) => [x, y] as const));
  if (level === 'same') {
    const shared = pairs.find(([x, y]) => digits(x).endsWith(digits(y).slice(-10)) || digits(y).endsWith(digits(x).slice(-10)));
    return `same phone, ${f.phone((shared ?? pairs[0] ?? [''])[0])}`;
  }
  if (level === 'oneDigit') {
    const near = pairs.find(([x, y]) => isOneEdit(digits(x), digits(y))) ?? pairs[0];
    return near ? `phones ${f.phone(near[0])} and ${f.phone(near[1])} are one digit apart` : 'phones one digit apart';
  }
  return `different phones (${xs.map(f.phone).join(', ')} and ${ys.map(f.phone).join(', ')})`;
}

function plainEmail(level: string, xs: string[], ys: string[]): string {
  const pairs = xs.flatMap((x) => ys.map((y) => [x.toLowerCase(), y.toLowerCase()] as const));
  const local = (e: string) => e.split('@')[0] ?? '';
  switch (level) {
    case 'same': {
      const shared = pairs.find(([x, y]) => x === y) ?? pairs[0];
      return shared && shared[0] !== shared[1] ? `emails ${shared[0]} and ${shared[1]} reach the same mailbox` : `same email, ${shared?.[0] ?? ''}`;
    }
    case 'sameLocalPart': {
      const p = pairs.find(([x, y]) => local(x) === local(y)) ?? pairs[0];
      return p ? `emails ${p[0]} and ${p[1]}: the same name at another provider` : 'emails with the same name at another provider';
    }
    case 'typo': {
      const p = pairs.find(([x, y]) => isOneEdit(x, y)) ?? pairs[0];
      return p ? `emails ${p[0]} and ${p[1]} differ by one character` : 'emails one character apart';
    }
    default:
      return `different emails (${xs.join(', ')} and ${ys.join(', ')})`;
  }
}
