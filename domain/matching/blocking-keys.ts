import type { PreparedRecord } from './match-record';

/**
 * Keys under which a record is filed so that only records sharing a key are
 * compared (comparing every pair is quadratic). Several independent keys
 * keep recall high: a duplicate with a typo in the surname still shares its
 * date of birth, phone, email or postcode-and-first-name with the original.
 */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  for (const p of r.phones) keys.push(`p:${p}`);
  for (const e of r.emails) keys.push(`e:${e}`);
  const first = r.firstCodes[0] ?? '';
  const last = r.lastCodes[0] ?? '';
  // A birth date alone catches duplicates whose both names are mangled; at a
  // million contacts its blocks hold ~40 people each, which the sweep's
  // block-size cap keeps affordable.
  if (r.dob) keys.push(`d:${r.dob.digits}`);
  if (last) keys.push(`ln:${last}:${r.first.slice(0, 1)}`);
  if (first && last) keys.push(`n:${[first, last].sort().join(':')}`); // either order: swapped names meet
  if (r.postcode && first) keys.push(`pf:${r.postcode}:${first}`);
  if (r.postcode && last) keys.push(`pl:${r.postcode}:${last}`);
  if (r.dob && last) keys.push(`yl:${r.dob.year}:${last}`);
  if (r.dob && first) keys.push(`mf:${r.dob.month}${r.dob.day}:${first}`);
  if (r.houseNumber && r.streetName) keys.push(`s:${r.houseNumber}:${r.streetName.slice(0, 4)}:${r.postcode || r.city}`);
  return keys;
}
