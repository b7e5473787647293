/**
 * What the new-contact form's duplicate check looks up, beyond the exact
 * phone, email and surname: the sweep meets a surname with a typo through
 * its phonetic and birth-date blocks and a phone one digit off through the
 * name, and the check must find what the sweep would.
 */

/**
 * Name searches (word prefixes, in any order) that reach a record with one
 * typo in either name: the whole first name with the surname's first three
 * letters, and the reverse. A typo in the first three letters of both is
 * left to the phone, the email and the sweep.
 */
export function typoTolerantNameQueries(firstName: string, lastName: string): string[] {
  const first = firstName.split(' ')[0] ?? '';
  const last = lastName.split(' ')[0] ?? '';
  if (first.length < 2 || last.length < 2) return [];
  return [...new Set([`${first} ${last.slice(0, 3)}`, `${first.slice(0, 3)} ${last}`])];
}

/**
 * The E.164 numbers one slip away from `e164`: one digit of the national
 * number changed, or two neighbouring digits swapped (99 numbers for a US
 * one). The country code is left alone; a slip there makes another country.
 */
export function phonesOneSlipAway(e164: string, countryCodeDigits: number): string[] {
  if (!/^\+\d{8,15}$/.test(e164)) return [];
  const digits = e164.slice(1);
  const out = new Set<string>();
  for (let i = countryCodeDigits; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== digits[i]) out.add(`+${digits.slice(0, i)}${d}${digits.slice(i + 1)}`);
    }
    if (i + 1 < digits.length && digits[i] !== digits[i + 1]) out.add(`+${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}`);
  }
  return [...out];
}
