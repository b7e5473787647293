import type { ContactInput } from '../contacts/build-contact-record';
import { isValidTimezone } from '../contacts/contact-local-time';
import { fieldLabel, type ColumnMapping } from './import-fields';
import { parseImportDate } from './parse-import-date';
import { splitFullName } from './split-full-name';

export type RowConversion = { ok: true; input: ContactInput } | { ok: false; reason: string };

/** Longest value a contact field takes from a file; a longer cell is a broken file, not a name. */
export const MAX_CELL_CHARS = 2000;

/**
 * One file row to the contact form's input, using the column mapping. Fails
 * the row (with a reason staff can act on) rather than guessing: a formula
 * where a name should be, a phone number that Excel rounded into scientific
 * notation, an unreadable date. Phones and emails are validated later with
 * the same rules as the contact form.
 */
export function rowToContactInput(values: string[], mapping: ColumnMapping, o: { monthFirst: boolean; today?: Date }): RowConversion {
  const input: ContactInput & { address: NonNullable<ContactInput['address']> } = { phones: [], emails: [], address: {}, tags: [], source: 'import' };
  for (let col = 0; col < mapping.length; col++) {
    const field = mapping[col];
    const value = (values[col] ?? '').trim();
    if (!field || !value) continue;
    const label = fieldLabel(field);
    if (value.length > MAX_CELL_CHARS) return { ok: false, reason: `${label} is ${value.length.toLocaleString('en-US')} characters long (at most ${MAX_CELL_CHARS.toLocaleString('en-US')})` };
    if (/^[=@]/.test(value) || /^[+-][^\d\s(]/.test(value)) return { ok: false, reason: `${label} holds a spreadsheet formula (${truncate(value)}), not a value` };
    switch (field) {
      case 'fullName': {
        const parts = splitFullName(value);
        input.firstName ||= parts.firstName;
        input.middleName ||= parts.middleName;
        input.lastName ||= parts.lastName;
        break;
      }
      case 'firstName':
      case 'middleName':
      case 'lastName':
      case 'preferredName':
        input[field] = value;
        break;
      case 'mobilePhone':
      case 'homePhone':
      case 'workPhone':
      case 'otherPhone': {
        if (/^\d(\.\d+)?e\+?\d+$/i.test(value)) return { ok: false, reason: `${label} "${value}" was turned into a number by Excel and lost its digits; format the column as text and export again` };
        const type = field === 'mobilePhone' ? 'mobile' : field === 'homePhone' ? 'home' : field === 'workPhone' ? 'work' : 'other';
        // Excel keeps a number like 4155550134 as 4155550134.0 in some exports.
        input.phones!.push({ type, raw: value.replace(/^(\d{7,15})\.0+$/, '$1') });
        break;
      }
      case 'email':
      case 'workEmail':
        input.emails!.push({ type: field === 'email' ? 'personal' : 'work', address: value });
        break;
      case 'street':
      case 'city':
      case 'region':
      case 'postcode':
      case 'country':
        input.address[field] = value;
        break;
      case 'dateOfBirth': {
        const parsed = parseImportDate(value, o);
        if (!parsed.ok) return { ok: false, reason: `Date of birth ${parsed.reason}` };
        input.dateOfBirth = parsed.date;
        break;
      }
      case 'tags':
        input.tags = value.split(/[,;]/).map((t) => t.trim()).filter(Boolean);
        break;
      case 'timezone':
        if (!isValidTimezone(value)) return { ok: false, reason: `Timezone "${truncate(value)}" is not a known timezone (e.g. America/New_York)` };
        input.timezone = value;
        break;
    }
  }
  if (!Object.values(input.address).some(Boolean)) delete (input as ContactInput).address;
  if (!input.firstName && !input.lastName) return { ok: false, reason: 'The row has no first or last name' };
  return { ok: true, input };
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
