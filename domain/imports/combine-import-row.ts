import { contactSearchKeys, type SearchKeys } from '../contacts/contact-search-keys';
import type { MergeEmail, MergePhone } from '../merge/merge-fields';

export type ImportPolicy = 'skip' | 'update' | 'create' | 'merge';
export const IMPORT_POLICIES: { key: ImportPolicy; label: string; help: string }[] = [
  { key: 'skip', label: 'Skip', help: "Don't import the duplicate; the existing contact stays as it is." },
  { key: 'update', label: 'Update', help: 'Update the existing contact with the new info (values in the file replace what is saved; empty cells change nothing).' },
  { key: 'create', label: 'Create', help: 'Make a new contact anyway, even when it looks like a duplicate.' },
  { key: 'merge', label: 'Merge', help: 'Combine smartly: fill empty fields, add new phones and emails, never overwrite a value; differing values are kept visible on the contact as conflicts.' },
];

type Address = { street?: string | null; city?: string | null; region?: string | null; postcode?: string | null; country?: string | null };

/** The fields of a contact an import may change. */
export type ImportableContact = {
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  preferredName?: string | null;
  dateOfBirth?: string | null;
  timezone?: string | null;
  address?: Address | null;
  phones: MergePhone[];
  emails: MergeEmail[];
  tags: string[];
  importConflicts?: ImportConflict[] | null;
};

/** A value the file had that Merge did not write; `key` is the contact field ("city" is address.city). */
export type ImportConflict = { key: string; field: string; kept: string; incoming: string; importId: string; row: number };

/** Fields written by an update or merge: values to $set, and the same fields as they were before (for undo). */
export type ContactChangeSet = { set: Record<string, unknown>; before: Record<string, unknown>; changedFields: string[]; conflicts: ImportConflict[] };

const SCALARS = ['firstName', 'middleName', 'lastName', 'preferredName', 'dateOfBirth', 'timezone'] as const;
const ADDRESS_PARTS = ['street', 'city', 'region', 'postcode', 'country'] as const;
const LABELS: Record<string, string> = { firstName: 'First name', middleName: 'Middle name', lastName: 'Last name', preferredName: 'Preferred name', dateOfBirth: 'Date of birth', timezone: 'Timezone', street: 'Street', city: 'City', region: 'State / region', postcode: 'Postcode', country: 'Country' };

/**
 * What an import row does to the contact it duplicates.
 * - update: a value in the file replaces the saved one; an empty cell changes nothing.
 * - merge: only empty fields are filled; a differing value is kept and the
 *   file's value is recorded as a conflict on the contact, for staff to settle.
 * Both add phones and emails the contact does not have yet and add tags; the
 * search keys are recomputed when names, phones or emails change.
 */
export function combineImportRow(existing: ImportableContact, incoming: ImportableContact, o: { policy: 'update' | 'merge'; importId: string; row: number }): ContactChangeSet {
  const set: Partial<ImportableContact & SearchKeys> = {};
  const conflicts: ImportConflict[] = [];
  for (const f of SCALARS) {
    const next = incoming[f]?.trim();
    const now = existing[f]?.trim() ?? '';
    if (!next || next === now) continue;
    if (o.policy === 'update' || !now) set[f] = next;
    else if (next.toLowerCase() !== now.toLowerCase()) conflicts.push({ key: f, field: LABELS[f]!, kept: now, incoming: next, importId: o.importId, row: o.row });
  }
  const address = combineAddress(existing.address ?? {}, incoming.address ?? {}, o, conflicts);
  if (address) set.address = address;

  const phoneKey = (p: MergePhone) => p.e164 || p.raw.replace(/\D+/g, '');
  const knownPhones = new Set(existing.phones.map(phoneKey));
  const newPhones = incoming.phones.filter((p) => !knownPhones.has(phoneKey(p)));
  if (newPhones.length) {
    // Update makes the file's first number the primary one; merge keeps the saved primary.
    const promote = o.policy === 'update';
    set.phones = [...existing.phones.map((p) => ({ ...p, primary: promote ? false : p.primary })), ...newPhones.map((p, i) => ({ ...p, primary: promote && i === 0 }))];
  }
  const knownEmails = new Set(existing.emails.map((e) => e.canonical));
  const newEmails = incoming.emails.filter((e) => !knownEmails.has(e.canonical));
  if (newEmails.length) {
    const promote = o.policy === 'update';
    set.emails = [...existing.emails.map((e) => ({ ...e, primary: promote ? false : e.primary })), ...newEmails.map((e, i) => ({ ...e, primary: promote && i === 0 }))];
  }
  const newTags = incoming.tags.filter((t) => !existing.tags.includes(t));
  if (newTags.length) set.tags = [...existing.tags, ...newTags];
  if (conflicts.length) set.importConflicts = [...(existing.importConflicts ?? []), ...conflicts];

  const changedFields = Object.keys(set);
  if (['firstName', 'middleName', 'lastName', 'preferredName', 'phones', 'emails'].some((f) => f in set)) {
    Object.assign(set, contactSearchKeys({ ...existing, ...set }));
  }
  const before: Record<string, unknown> = {};
  const was: Record<string, unknown> = existing;
  for (const f of Object.keys(set)) before[f] = was[f] ?? null;
  return { set, before, changedFields, conflicts };
}

function combineAddress(now: Address, next: Address, o: { policy: 'update' | 'merge'; importId: string; row: number }, conflicts: ImportConflict[]): Address | undefined {
  const result: Address = { ...now };
  let changed = false;
  for (const part of ADDRESS_PARTS) {
    const value = next[part]?.trim();
    const current = now[part]?.trim() ?? '';
    if (!value || value === current) continue;
    if (o.policy === 'update' || !current) {
      result[part] = value;
      changed = true;
    } else if (value.toLowerCase() !== current.toLowerCase()) conflicts.push({ key: `address.${part}`, field: LABELS[part]!, kept: current, incoming: value, importId: o.importId, row: o.row });
  }
  return changed ? result : undefined;
}
