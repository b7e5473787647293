import { contactSearchKeys, type NameParts } from '../contacts/contact-search-keys';

/**
 * Which value the merged contact keeps, field by field. Single-valued fields
 * come from one chosen record; phones and emails can keep values from all of
 * them; tags are the union; the app counts as installed if any record had it.
 */
export const SINGLE_VALUE_FIELDS = ['firstName', 'middleName', 'lastName', 'preferredName', 'dateOfBirth', 'address', 'timezone', 'preferences'] as const;
export type SingleValueField = (typeof SINGLE_VALUE_FIELDS)[number];

export const FIELD_LABELS: Record<SingleValueField, string> = {
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  address: 'Address',
  timezone: 'Time zone',
  preferences: 'Contact preferences',
};

export type MergePhone = { type?: string | null; raw: string; e164?: string | null; primary?: boolean | null };
export type MergeEmail = { type?: string | null; address: string; canonical: string; primary?: boolean | null };

/** The parts of a contact a merge reads; a stored contact document has all of them. */
export type MergeableContact = NameParts & {
  _id: { toString(): string };
  dateOfBirth?: string | null;
  address?: unknown;
  timezone?: string | null;
  preferences?: unknown;
  phones: MergePhone[];
  emails: MergeEmail[];
  tags: string[];
  appStatus?: { installed?: boolean | null; at?: Date | null; platform?: string | null } | null;
};

export type MergeChoices = {
  survivorId: string;
  /** Field -> id of the record whose value is kept. */
  fields: Partial<Record<SingleValueField, string>>;
  /** Phone keys (phoneKey) and email keys (canonical) to keep. */
  phones: string[];
  emails: string[];
};

export const phoneKey = (p: MergePhone) => p.e164 || p.raw.replace(/\D+/g, '') || p.raw;
export const emailKey = (e: MergeEmail) => e.canonical;

export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isEmptyValue);
  return false;
}

/** The survivor's own values where it has them, otherwise the first other record's; every phone and email. */
export function defaultChoices(contacts: MergeableContact[], survivorId: string): MergeChoices {
  const survivor = contacts.find((c) => String(c._id) === survivorId) ?? contacts[0]!;
  const ordered = [survivor, ...contacts.filter((c) => c !== survivor)];
  const fields: MergeChoices['fields'] = {};
  for (const field of SINGLE_VALUE_FIELDS) {
    const source = ordered.find((c) => !isEmptyValue(c[field])) ?? survivor;
    fields[field] = String(source._id);
  }
  return {
    survivorId: String(survivor._id),
    fields,
    phones: [...new Set(ordered.flatMap((c) => c.phones.map(phoneKey)))],
    emails: [...new Set(ordered.flatMap((c) => c.emails.map(emailKey)))],
  };
}

/**
 * The fields the survivor gets ($set), from the chosen values. Phones and
 * emails keep the survivor's order first and one primary (the survivor's
 * primary if kept); search keys are recomputed.
 */
export function mergedContactFields(contacts: MergeableContact[], choices: MergeChoices): Record<string, unknown> {
  const byId = new Map(contacts.map((c) => [String(c._id), c]));
  const survivor = byId.get(choices.survivorId);
  if (!survivor) throw new Error('The surviving record is not among the merged records');
  const ordered = [survivor, ...contacts.filter((c) => c !== survivor)];
  const out: Record<string, unknown> = {};
  for (const field of SINGLE_VALUE_FIELDS) {
    const source = byId.get(choices.fields[field] ?? choices.survivorId) ?? survivor;
    out[field] = source[field] ?? (field === 'address' || field === 'preferences' || field === 'dateOfBirth' || field === 'timezone' ? undefined : '');
  }
  const phones = pickDistinct(ordered.flatMap((c) => c.phones), phoneKey, choices.phones).map((p) => ({ ...p }));
  const emails = pickDistinct(ordered.flatMap((c) => c.emails), emailKey, choices.emails).map((e) => ({ ...e }));
  onePrimary(phones, survivor.phones.find((p) => p.primary));
  onePrimary(emails, survivor.emails.find((e) => e.primary));
  out.phones = phones;
  out.emails = emails;
  out.tags = [...new Set(ordered.flatMap((c) => c.tags))];
  const installed = ordered.find((c) => c.appStatus?.installed);
  out.appStatus = installed ? installed.appStatus : (survivor.appStatus ?? { installed: false });
  Object.assign(out, contactSearchKeys({ ...(out as object), phones, emails } as Parameters<typeof contactSearchKeys>[0]));
  return out;
}

function pickDistinct<T>(items: T[], key: (t: T) => string, keep: string[]): T[] {
  const seen = new Set<string>();
  const wanted = new Set(keep);
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k) || !wanted.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function onePrimary<T extends { primary?: boolean | null }>(items: T[], preferred: T | undefined): void {
  const preferredIndex = preferred ? items.findIndex((i) => JSON.stringify({ ...i, primary: true }) === JSON.stringify({ ...preferred, primary: true })) : -1;
  const index = preferredIndex >= 0 ? preferredIndex : 0;
  items.forEach((item, i) => (item.primary = i === index));
}
