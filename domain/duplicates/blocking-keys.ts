import type { PreparedRecord } from './match-record';

/**
 * Keys under which a record is filed so that only records sharing a key are
 * compared (comparing every pair is quadratic). Several independent keys
 * keep recall high: a duplicate with a typo in the surname still shares its
 * date of birth, phone, email or postcode-and-first-name with the original.
 * Each key's blocks must stay small as the database grows: keys such as
 * "surname and first initial" or "birthday and first name" put hundreds of
 * people in a block at a million contacts and were dropped (measured: they
 * alone reached 2 of 73,000 true pairs at 200k contacts; sorted
 * neighbourhood and the keys below reach the rest).
 */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  for (const p of r.phones) keys.push(`p:${p}`);
  for (const e of r.emails) keys.push(`e:${e}`);
  const first = r.firstCodes[0] ?? '';
  const last = r.lastCodes[0] ?? '';
  // A birth date with either initial catches duplicates whose names are both
  // mangled but keep an initial, swapped names included (one namespace for
  // both initials). A birth date alone would put ~40 people in each block at
  // a million contacts: 17 million pairs, most of the sweep's work.
  if (r.dob) for (const initial of new Set([r.first.slice(0, 1), r.last.slice(0, 1)])) keys.push(`d:${r.dob.digits}:${initial}`);
  if (first && last) keys.push(`n:${[first, last].sort().join(':')}`); // either order: swapped names meet
  if (r.postcode && first) keys.push(`pf:${r.postcode}:${first}`);
  if (r.postcode && last) keys.push(`pl:${r.postcode}:${last}`);
  if (r.houseNumber && r.streetName) keys.push(`s:${r.houseNumber}:${r.streetName.slice(0, 4)}:${r.postcode || r.city}`);
  return keys;
}
