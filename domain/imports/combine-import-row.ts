import { contactSearchKeys, type SearchKeys } from '../contacts/contact-search-keys';
import { ADDRESS_PARTS, formatAddress, type AddressParts } from '../contacts/format-address';
import { markCount, sameWhenFolded } from '../text/same-when-folded';
import type { MergeEmail, MergePhone } from '../merge/merge-fields';

export type ImportPolicy = 'skip' | 'update' | 'create' | 'merge';
export const IMPORT_POLICIES: { key: ImportPolicy; label: string; help: string }[] = [
  { key: 'skip', label: 'Skip', help: "Don't import the duplicate; the existing contact stays as it is." },
  { key: 'update', label: 'Update', help: 'Update the existing contact with the new info (values in the file replace what is saved; empty cells change nothing; an address is replaced whole).' },
  { key: 'create', label: 'Create', help: 'Make a new contact anyway, even when it looks like a duplicate.' },
  { key: 'merge', label: 'Merge', help: 'Combine smartly: fill empty fields, add new phones and emails, never overwrite a value; differing values are kept visible on the contact as conflicts.' },
];

type Address = AddressParts;

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

/**
 * A value the file had that Merge did not write; `key` is the contact field.
 * An address is one conflict (key "address", the file's parts in
 * `incomingAddress`); conflicts recorded before that name one part ("address.city").
 */
export type ImportConflict = { key: string; field: string; kept: string; incoming: string; importId: string; row: number; incomingAddress?: Address };

/** Fields written by an update or merge: values to $set, and the same fields as they were before (for undo). */
export type ContactChangeSet = { set: Record<string, unknown>; before: Record<string, unknown>; changedFields: string[]; conflicts: ImportConflict[] };

const SCALARS = ['firstName', 'middleName', 'lastName', 'preferredName', 'dateOfBirth', 'timezone'] as const;
const LABELS: Record<string, string> = { firstName: 'First name', middleName: 'Middle name', lastName: 'Last name', preferredName: 'Preferred name', dateOfBirth: 'Date of birth', timezone: 'Timezone' };

/**
 * What an import row does to the contact it duplicates.
 * - update: a value in the file replaces the saved one; an empty cell changes nothing.
 * - merge: only empty fields are filled; a differing value is kept and the
 *   file's value is recorded as a conflict on the contact, for staff to settle.
 * A value that differs only in case or accents ("Renee" for "Renée") is the
 * same value: it changes nothing and is no conflict, though Update may add
 * accents the saved value lacks. An address is one unit: its parts come
 * from one row, never mixed with another's (combineAddress).
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
    if (!now) set[f] = next;
    else if (sameWhenFolded(next, now)) {
      if (o.policy === 'update' && markCount(next) > markCount(now)) set[f] = next;
    } else if (o.policy === 'update') set[f] = next;
    else conflicts.push({ key: f, field: LABELS[f]!, kept: now, incoming: next, importId: o.importId, row: o.row });
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

/**
 * The address a row leaves on the contact. When each part the row gives
 * matches the saved one (folded), nothing changes; when the row's address
 * holds every saved part and more, it is the same address more fully
 * written, and replaces it. Else it is another address: Update replaces the
 * saved one whole with the row's parts (a new city with the old street and
 * ZIP is an address nobody has); Merge keeps the saved one and records the
 * row's as one conflict.
 */
function combineAddress(now: Address, next: Address, o: { policy: 'update' | 'merge'; importId: string; row: number }, conflicts: ImportConflict[]): Address | undefined {
  const incoming = addressParts(next);
  const current = addressParts(now);
  if (!Object.keys(incoming).length) return undefined;
  if (!Object.keys(current).length) return incoming;
  const holds = (a: typeof current, b: typeof current) => ADDRESS_PARTS.every((p) => !b[p] || (a[p] !== undefined && sameWhenFolded(a[p], b[p])));
  if (holds(current, incoming)) return undefined;
  // The saved parts keep their spelling (accents) when the row only writes the same address more fully.
  if (holds(incoming, current)) return { ...incoming, ...current };
  if (o.policy === 'update') return incoming;
  conflicts.push({ key: 'address', field: 'Address', kept: formatAddress(current), incoming: formatAddress(incoming), importId: o.importId, row: o.row, incomingAddress: incoming });
  return undefined;
}

/** The parts an address has, trimmed; empty ones left out. */
function addressParts(a: Address): Partial<Record<(typeof ADDRESS_PARTS)[number], string>> {
  const out: Partial<Record<(typeof ADDRESS_PARTS)[number], string>> = {};
  for (const p of ADDRESS_PARTS) {
    const v = a[p]?.trim();
    if (v) out[p] = v;
  }
  return out;
}
