// What a form is made of: the field types staff build templates from, which
// contact field an answer may propose to change, and which fields show for
// the answers given so far (a conditional field shows only for one answer
// to an earlier field).
export const FIELD_TYPES = ['heading', 'short-text', 'long-text', 'number', 'date', 'single-choice', 'multiple-choice', 'yes-no', 'phone', 'email', 'address', 'file', 'signature'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  heading: 'Section heading',
  'short-text': 'Short text',
  'long-text': 'Long text',
  number: 'Number',
  date: 'Date',
  'single-choice': 'Single choice',
  'multiple-choice': 'Multiple choice',
  'yes-no': 'Yes / no',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  file: 'File upload',
  signature: 'Drawn signature',
};

/** Contact fields an answer can propose a change to (staff review every change before it is made). */
export const CONTACT_TARGETS = ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'phone', 'email', 'address', 'preferredChannel'] as const;
export type ContactTarget = (typeof CONTACT_TARGETS)[number];
export const CONTACT_TARGET_LABELS: Record<ContactTarget, string> = {
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  phone: 'Primary phone',
  email: 'Primary email',
  address: 'Address',
  preferredChannel: 'Preferred channel',
};
/** The field types whose answer can fill each contact field. */
export const TARGET_TYPES: Record<ContactTarget, readonly FieldType[]> = {
  firstName: ['short-text'],
  middleName: ['short-text'],
  lastName: ['short-text'],
  dateOfBirth: ['date'],
  phone: ['phone'],
  email: ['email'],
  address: ['address'],
  preferredChannel: ['single-choice'],
};
export const CHANNEL_ANSWERS: Record<string, 'sms' | 'email' | 'phone' | 'mail'> = { text: 'sms', sms: 'sms', 'text message': 'sms', email: 'email', phone: 'phone', 'phone call': 'phone', mail: 'mail', post: 'mail' };

export type FormField = {
  key: string;
  type: FieldType;
  label: string;
  help?: string;
  required?: boolean;
  options?: string[];
  showIf?: { key: string; equals: string };
  mapsTo?: ContactTarget;
};

/** A form's answers by field key; an address is stored as `<key>:street`, `<key>:city`, … (MongoDB keys may not hold a dot); a multiple choice as a list. */
export type FormAnswers = Record<string, string | string[]>;

export const ADDRESS_KEYS = ['street', 'city', 'region', 'postcode', 'country'] as const;
export const hasOptions = (type: FieldType) => type === 'single-choice' || type === 'multiple-choice';
/** Field types another field's condition can test. */
export const CONDITION_TYPES: readonly FieldType[] = ['single-choice', 'multiple-choice', 'yes-no'];

function answerMatches(value: string | string[] | undefined, equals: string): boolean {
  if (Array.isArray(value)) return value.includes(equals);
  return (value ?? '') === equals;
}

/** The fields that show for these answers, in order: a conditional field shows when the field it depends on shows and has the answer. */
export function visibleFields(fields: readonly FormField[], answers: FormAnswers): FormField[] {
  const shown = new Set<string>();
  const out: FormField[] = [];
  for (const f of fields) {
    if (f.showIf && !(shown.has(f.showIf.key) && answerMatches(answers[f.showIf.key], f.showIf.equals))) continue;
    shown.add(f.key);
    out.push(f);
  }
  return out;
}
