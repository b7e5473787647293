import { guessTimezone } from './timezones';
import type { AppPlatform, Channel, DoNotContact, EmailType, PhoneType } from './contact-fields';
import { contactSearchKeys } from './contact-search-keys';
import { normalizeEmail } from './normalize-email';
import { normalizePhone } from './normalize-phone';

export type ContactInput = {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  preferredName?: string;
  phones?: { type?: PhoneType; raw: string; primary?: boolean }[];
  emails?: { type?: EmailType; address: string; primary?: boolean }[];
  address?: { street?: string; city?: string; region?: string; postcode?: string; country?: string };
  dateOfBirth?: string;
  timezone?: string;
  preferences?: { channel?: Channel; doNotContact?: DoNotContact; bestHours?: { start?: string; end?: string } };
  appStatus?: { installed: boolean; at?: Date; platform?: AppPlatform };
  tags?: string[];
  source?: string;
};

export type FieldError = { field: string; message: string };

/** A contact as buildContactRecord makes it from input: what is stored, search keys included. */
export type ContactRecord = ReturnType<typeof buildContactRecord>['record'];

/**
 * Turns contact input into the stored shape: phones to E.164 beside what was
 * typed, canonical emails, exactly one primary of each, and the search keys.
 * Returns field errors instead of throwing so forms can show them.
 */
export function buildContactRecord(input: ContactInput, defaultRegion: string) {
  const errors: FieldError[] = [];
  const phones = (input.phones ?? [])
    .filter((p) => p.raw.trim())
    .map((p, i) => {
      const n = normalizePhone(p.raw, defaultRegion);
      if (!n.ok) errors.push({ field: `phones.${i}`, message: n.reason });
      return { type: p.type ?? ('mobile' as const), raw: p.raw.trim(), e164: n.ok ? n.e164 : undefined, primary: Boolean(p.primary) };
    });
  const emails = (input.emails ?? [])
    .filter((e) => e.address.trim())
    .map((e, i) => {
      const n = normalizeEmail(e.address);
      if (!n.ok) errors.push({ field: `emails.${i}`, message: n.reason });
      return { type: e.type ?? ('personal' as const), address: e.address.trim(), canonical: n.ok ? n.canonical : e.address.trim().toLowerCase(), primary: Boolean(e.primary) };
    });
  ensureOnePrimary(phones);
  ensureOnePrimary(emails);
  if (!input.firstName?.trim() && !input.lastName?.trim()) errors.push({ field: 'lastName', message: 'Enter a first or last name' });
  if (input.dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(input.dateOfBirth)) errors.push({ field: 'dateOfBirth', message: 'Use the date format YYYY-MM-DD' });

  const record = {
    firstName: input.firstName?.trim() ?? '',
    middleName: input.middleName?.trim() ?? '',
    lastName: input.lastName?.trim() ?? '',
    preferredName: input.preferredName?.trim() ?? '',
    phones,
    emails,
    address: input.address,
    dateOfBirth: input.dateOfBirth || undefined,
    // Not chosen: the one the address or phone points to (staff can change it), for the contact's local time and quiet hours.
    timezone: input.timezone || guessTimezone({ ...input.address, phones, defaultCountry: defaultRegion }),
    preferences: input.preferences,
    appStatus: input.appStatus ?? { installed: false },
    tags: [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
    source: input.source ?? 'manual',
  };
  return { record: { ...record, ...contactSearchKeys(record) }, errors };
}

function ensureOnePrimary(items: { primary: boolean }[]): void {
  const first = items.findIndex((i) => i.primary);
  items.forEach((item, i) => (item.primary = first === -1 ? i === 0 : i === first));
}
