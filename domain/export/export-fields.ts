import type { NameParts } from '../contacts/contact-search-keys';

/** A stored contact as the export reads it (the fields it projects). */
export type ExportableContact = NameParts & {
  _id: { toString(): string };
  phones?: { type?: string | null; raw: string; e164?: string | null; primary?: boolean | null }[] | null;
  emails?: { type?: string | null; address: string; primary?: boolean | null }[] | null;
  address?: { street?: string | null; city?: string | null; region?: string | null; postcode?: string | null; country?: string | null } | null;
  dateOfBirth?: string | null;
  timezone?: string | null;
  tags?: string[] | null;
  appStatus?: { installed?: boolean | null; platform?: string | null } | null;
  preferences?: { channel?: string | null } | null;
  caseStatuses?: string[] | null;
  createdAt?: Date | null;
  updatedAt?: Date | null;
};

type ExportField = { key: string; label: string; project: string[]; value: (c: ExportableContact) => string; default: boolean };

const primary = <T extends { primary?: boolean | null }>(list?: T[] | null) => list?.find((x) => x.primary) ?? list?.[0];

/** The columns staff can pick for an export, in the order they appear in the file. */
export const EXPORT_FIELDS: ExportField[] = [
  { key: 'id', label: 'Casebook ID', project: [], value: (c) => String(c._id), default: true },
  { key: 'firstName', label: 'First name', project: ['firstName'], value: (c) => c.firstName ?? '', default: true },
  { key: 'middleName', label: 'Middle name', project: ['middleName'], value: (c) => c.middleName ?? '', default: false },
  { key: 'lastName', label: 'Last name', project: ['lastName'], value: (c) => c.lastName ?? '', default: true },
  { key: 'preferredName', label: 'Preferred name', project: ['preferredName'], value: (c) => c.preferredName ?? '', default: false },
  { key: 'phone', label: 'Phone', project: ['phones'], value: (c) => { const p = primary(c.phones); return p ? p.e164 || p.raw : ''; }, default: true },
  { key: 'allPhones', label: 'All phones', project: ['phones'], value: (c) => (c.phones ?? []).map((p) => `${p.e164 || p.raw} (${p.type ?? 'other'})`).join('; '), default: false },
  { key: 'email', label: 'Email', project: ['emails'], value: (c) => primary(c.emails)?.address ?? '', default: true },
  { key: 'allEmails', label: 'All emails', project: ['emails'], value: (c) => (c.emails ?? []).map((e) => `${e.address} (${e.type ?? 'other'})`).join('; '), default: false },
  { key: 'street', label: 'Street', project: ['address'], value: (c) => c.address?.street ?? '', default: false },
  { key: 'city', label: 'City', project: ['address'], value: (c) => c.address?.city ?? '', default: true },
  { key: 'region', label: 'State / region', project: ['address'], value: (c) => c.address?.region ?? '', default: false },
  { key: 'postcode', label: 'Postcode / ZIP', project: ['address'], value: (c) => c.address?.postcode ?? '', default: false },
  { key: 'country', label: 'Country', project: ['address'], value: (c) => c.address?.country ?? '', default: false },
  { key: 'dateOfBirth', label: 'Date of birth', project: ['dateOfBirth'], value: (c) => c.dateOfBirth ?? '', default: false },
  { key: 'timezone', label: 'Timezone', project: ['timezone'], value: (c) => c.timezone ?? '', default: false },
  { key: 'tags', label: 'Tags', project: ['tags'], value: (c) => (c.tags ?? []).join('; '), default: true },
  { key: 'appStatus', label: 'App status', project: ['appStatus'], value: (c) => (c.appStatus?.installed ? `Installed${c.appStatus.platform ? ` (${c.appStatus.platform})` : ''}` : 'Not installed'), default: true },
  { key: 'channel', label: 'Preferred channel', project: ['preferences'], value: (c) => c.preferences?.channel ?? '', default: false },
  { key: 'caseStatuses', label: 'Case statuses', project: ['caseStatuses'], value: (c) => [...new Set(c.caseStatuses ?? [])].join('; '), default: false },
  { key: 'createdAt', label: 'Created', project: ['createdAt'], value: (c) => c.createdAt?.toISOString() ?? '', default: false },
  { key: 'updatedAt', label: 'Last changed', project: ['updatedAt'], value: (c) => c.updatedAt?.toISOString() ?? '', default: false },
];

export const DEFAULT_EXPORT_FIELDS = EXPORT_FIELDS.filter((f) => f.default).map((f) => f.key);

/** The chosen fields in the file's order (unknown keys dropped), and the database projection that serves them. */
export function exportColumns(keys: string[]): { fields: ExportField[]; projection: Record<string, 1> } {
  const wanted = new Set(keys);
  const fields = EXPORT_FIELDS.filter((f) => wanted.has(f.key));
  const projection: Record<string, 1> = {};
  for (const f of fields) for (const p of f.project) projection[p] = 1;
  return { fields, projection };
}
