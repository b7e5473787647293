import { jaroWinkler, jaroWinklerCanReach } from './jaro-winkler';
import type { BirthDate } from './match-record';
import type { NicknameTable } from './nickname-table';

/**
 * Every comparator and the agreement levels it can report, strongest first.
 * A comparator reports nothing (null) when either side is missing: an empty
 * field is no evidence either way. The weights of each level live in
 * default-weights.json, estimated from data by scripts/train-matcher.ts.
 */
export const COMPARATOR_LEVELS = {
  firstName: ['exact', 'nickname', 'typo', 'phonetic', 'initial', 'similar', 'different'],
  middleName: ['exact', 'initial', 'different'],
  lastName: ['exact', 'typo', 'phonetic', 'partial', 'similar', 'different'],
  dateOfBirth: ['exact', 'swappedDayMonth', 'oneDigit', 'sameYear', 'different', 'decadesApart'],
  phone: ['same', 'oneDigit', 'different'],
  email: ['same', 'sameLocalPart', 'typo', 'different'],
  houseNumber: ['same', 'different'],
  streetName: ['exact', 'similar', 'different'],
  city: ['exact', 'similar', 'different'],
  postcode: ['exact', 'oneDigit', 'different'],
  state: ['same', 'different'],
  country: ['same', 'different'],
} as const;

export type Comparator = keyof typeof COMPARATOR_LEVELS;
export type Level<C extends Comparator = Comparator> = (typeof COMPARATOR_LEVELS)[C][number];
export const COMPARATORS = Object.keys(COMPARATOR_LEVELS) as Comparator[];

/** One comparator's finding: its level and a human detail for the reason ("Bob ≈ Robert"). */
export type Finding = { level: string; detail: string; similarity?: number };

export function compareFirstNames(a: string, b: string, codesA: string[], codesB: string[], nicknames: NicknameTable): Finding | null {
  if (!a || !b) return null;
  const detail = `${a} ≈ ${b}`;
  if (a === b) return { level: 'exact', detail: a };
  const firstA = a.split(' ')[0]!;
  const firstB = b.split(' ')[0]!;
  if (nicknames.areRelated(firstA, firstB)) return { level: 'nickname', detail };
  if (firstA.length === 1 || firstB.length === 1) return firstA[0] === firstB[0] ? { level: 'initial', detail } : { level: 'different', detail };
  return compareNameWords(a, b, codesA, codesB) ?? { level: 'different', detail: `${a} ≠ ${b}` };
}

export function compareLastNames(a: string, b: string, codesA: string[], codesB: string[]): Finding | null {
  if (!a || !b) return null;
  if (a === b) return { level: 'exact', detail: a };
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  // "garcia lopez" and "garcia": one surname is part of the other.
  if ((wordsA.length > 1 || wordsB.length > 1) && (wordsA.some((w) => wordsB.includes(w)))) return { level: 'partial', detail: `${a} ≈ ${b}` };
  return compareNameWords(a, b, codesA, codesB) ?? { level: 'different', detail: `${a} ≠ ${b}` };
}

function compareNameWords(a: string, b: string, codesA: string[], codesB: string[]): Finding | null {
  const similarity = jaroWinkler(a.replace(/ /g, ''), b.replace(/ /g, ''));
  const detail = `${a} ≈ ${b}`;
  if (similarity >= 0.92 || isOneEdit(a, b)) return { level: 'typo', detail, similarity };
  if (codesA.some((c) => codesB.includes(c))) return { level: 'phonetic', detail, similarity };
  if (similarity >= 0.8) return { level: 'similar', detail, similarity };
  return null;
}

export function compareMiddleNames(a: string, b: string): Finding | null {
  if (!a || !b) return null;
  if (a === b) return { level: 'exact', detail: a };
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return { level: 'initial', detail: `${a} ≈ ${b}` };
  return { level: 'different', detail: `${a} ≠ ${b}` };
}

export function compareBirthDates(a: BirthDate | undefined, b: BirthDate | undefined): Finding | null {
  if (!a || !b) return null;
  // Details are built only for the level found: the sweep compares millions of dates.
  if (a.digits === b.digits) return { level: 'exact', detail: showDate(a) };
  if (a.year === b.year && a.month === b.day && a.day === b.month) return { level: 'swappedDayMonth', detail: bothDates(a, b) };
  if (isOneEdit(a.digits, b.digits)) return { level: 'oneDigit', detail: bothDates(a, b) };
  if (a.year === b.year) return { level: 'sameYear', detail: bothDates(a, b) };
  // A generation apart (father and son, Jr. and Sr.) is not a typo.
  if (Math.abs(Number(a.year) - Number(b.year)) >= 15) return { level: 'decadesApart', detail: bothDates(a, b) };
  return { level: 'different', detail: bothDates(a, b) };
}

const showDate = (d: BirthDate) => `${d.year}-${d.month}-${d.day}`;
const bothDates = (a: BirthDate, b: BirthDate) => `${showDate(a)} vs ${showDate(b)}`;

export function comparePhones(a: string[], b: string[]): Finding | null {
  if (!a.length || !b.length) return null;
  const same = a.find((p) => b.includes(p));
  if (same) return { level: 'same', detail: same };
  for (const x of a) for (const y of b) if (isOneEdit(digitsOf(x), digitsOf(y))) return { level: 'oneDigit', detail: `${x} vs ${y}` };
  return { level: 'different', detail: `${a[0]} vs ${b[0]}` };
}

export function compareEmails(a: string[], b: string[]): Finding | null {
  if (!a.length || !b.length) return null;
  const same = a.find((e) => b.includes(e));
  if (same) return { level: 'same', detail: same };
  for (const x of a) {
    for (const y of b) {
      const localX = x.slice(0, x.lastIndexOf('@'));
      const localY = y.slice(0, y.lastIndexOf('@'));
      if (localX.length >= 4 && localX === localY) return { level: 'sameLocalPart', detail: `${x} vs ${y}` };
      if (isOneEdit(x, y)) return { level: 'typo', detail: `${x} vs ${y}`, similarity: jaroWinkler(x, y) };
      if (!jaroWinklerCanReach(x, y, 0.95)) continue;
      const similarity = jaroWinkler(x, y);
      if (similarity >= 0.95) return { level: 'typo', detail: `${x} vs ${y}`, similarity };
    }
  }
  return { level: 'different', detail: `${a[0]} vs ${b[0]}` };
}

export function compareExact(a: string, b: string, levels: [agree: string, disagree: string]): Finding | null {
  if (!a || !b) return null;
  return a === b ? { level: levels[0], detail: a } : { level: levels[1], detail: `${a} vs ${b}` };
}

/** Street names, suburbs: exact, close (Jaro-Winkler on the words in order), or different. */
export function compareText(a: string, b: string): Finding | null {
  if (!a || !b) return null;
  if (a === b) return { level: 'exact', detail: a };
  const squeezedA = a.includes(' ') ? a.replace(/ /g, '') : a;
  const squeezedB = b.includes(' ') ? b.replace(/ /g, '') : b;
  if (!jaroWinklerCanReach(squeezedA, squeezedB, 0.9)) return { level: 'different', detail: `${a} vs ${b}` };
  const similarity = squeezedA === squeezedB ? 1 : jaroWinkler(squeezedA, squeezedB);
  if (similarity >= 0.9) return { level: 'similar', detail: `${a} ≈ ${b}`, similarity };
  return { level: 'different', detail: `${a} vs ${b}`, similarity };
}

export function comparePostcodes(a: string, b: string): Finding | null {
  if (!a || !b) return null;
  if (a === b) return { level: 'exact', detail: a };
  if (a.length === b.length && isOneEdit(a, b)) return { level: 'oneDigit', detail: `${a} vs ${b}` };
  return { level: 'different', detail: `${a} vs ${b}` };
}

/** One substitution, insertion, deletion or swap of two neighbours (Damerau distance 1). */
export function isOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function digitsOf(phone: string): string {
  // E.164 ("+14155550134") is the common case: no pattern needed.
  return phone.charCodeAt(0) === 43 && /^\+\d+$/.test(phone) ? phone.slice(1) : phone.replace(/\D+/g, '');
}
