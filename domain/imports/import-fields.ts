/** The Casebook fields an import column can fill. '' means the column is ignored. */
export const IMPORT_FIELDS = [
  { key: 'fullName', label: 'Full name (split into parts)' },
  { key: 'firstName', label: 'First name' },
  { key: 'middleName', label: 'Middle name' },
  { key: 'lastName', label: 'Last name' },
  { key: 'preferredName', label: 'Preferred name' },
  { key: 'mobilePhone', label: 'Mobile phone' },
  { key: 'homePhone', label: 'Home phone' },
  { key: 'workPhone', label: 'Work phone' },
  { key: 'otherPhone', label: 'Other phone' },
  { key: 'email', label: 'Email' },
  { key: 'workEmail', label: 'Work email' },
  { key: 'street', label: 'Street' },
  { key: 'city', label: 'City' },
  { key: 'region', label: 'State / region' },
  { key: 'postcode', label: 'Postcode / ZIP' },
  { key: 'country', label: 'Country' },
  { key: 'dateOfBirth', label: 'Date of birth' },
  { key: 'tags', label: 'Tags (separated by , or ;)' },
  { key: 'timezone', label: 'Timezone' },
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];
/** One entry per column of the file, in order: the field it fills, or '' to ignore it. */
export type ColumnMapping = (ImportField | '')[];

export const IMPORT_FIELD_KEYS: ReadonlySet<string> = new Set(IMPORT_FIELDS.map((f) => f.key));
export const fieldLabel = (key: string) => IMPORT_FIELDS.find((f) => f.key === key)?.label ?? 'Ignored';
