import type { ColumnMapping, ImportField } from './import-fields';

// Header spellings seen in exports of other CRMs, Outlook, Google Contacts and
// spreadsheets people keep by hand; compared without case, spaces or punctuation.
const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  fullName: ['name', 'fullname', 'contactname', 'clientname', 'displayname', 'contact', 'client'],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'fname', 'christianname'],
  middleName: ['middlename', 'middle', 'middleinitial', 'mi', 'additionalname'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  preferredName: ['preferredname', 'nickname', 'goesby', 'knownas'],
  mobilePhone: ['mobile', 'mobilephone', 'cell', 'cellphone', 'cellular', 'mobilenumber', 'cellnumber', 'phone', 'phonenumber', 'telephone', 'tel', 'primaryphone', 'phone1'],
  homePhone: ['homephone', 'home', 'hometelephone', 'landline', 'homenumber'],
  workPhone: ['workphone', 'businessphone', 'officephone', 'work', 'officenumber', 'worknumber'],
  otherPhone: ['otherphone', 'phone2', 'alternatephone', 'altphone', 'fax'],
  email: ['email', 'emailaddress', 'mail', 'personalemail', 'primaryemail', 'email1', 'emailaddress1'],
  workEmail: ['workemail', 'businessemail', 'officeemail', 'email2', 'emailaddress2'],
  street: ['street', 'address', 'streetaddress', 'address1', 'addressline1', 'mailingaddress', 'homeaddress', 'homestreet'],
  city: ['city', 'town', 'locality', 'homecity'],
  region: ['state', 'region', 'province', 'county', 'stateprovince', 'homestate'],
  postcode: ['zip', 'zipcode', 'postcode', 'postalcode', 'postal', 'homepostalcode'],
  country: ['country', 'countryregion', 'nation', 'homecountry'],
  dateOfBirth: ['dob', 'dateofbirth', 'birthdate', 'birthday', 'born', 'birth'],
  tags: ['tags', 'labels', 'groups', 'categories', 'category'],
  timezone: ['timezone', 'tz', 'timezonename'],
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Suggests a field for each column: first from the header (exact synonym,
 * then a header containing a synonym such as "Client E-mail"), then from the
 * values when the header says nothing (values that look like emails, phone
 * numbers or dates). A field is suggested for one column only.
 */
export function suggestColumnMapping(headers: string[], sampleRows: string[][]): ColumnMapping {
  const mapping: ColumnMapping = headers.map(() => '');
  const taken = new Set<string>();
  const assign = (col: number, field: ImportField) => {
    if (mapping[col] || taken.has(field)) return;
    mapping[col] = field;
    taken.add(field);
  };
  const squashed = headers.map(squash);
  for (const [field, synonyms] of Object.entries(HEADER_SYNONYMS) as [ImportField, string[]][]) {
    const col = squashed.findIndex((h) => synonyms.includes(h));
    if (col >= 0) assign(col, field);
  }
  for (const [field, synonyms] of Object.entries(HEADER_SYNONYMS) as [ImportField, string[]][]) {
    const col = squashed.findIndex((h, i) => !mapping[i] && h.length > 2 && synonyms.some((s) => s.length > 3 && h.includes(s)));
    if (col >= 0) assign(col, field);
  }
  headers.forEach((_, col) => {
    if (mapping[col]) return;
    const values = sampleRows.map((r) => (r[col] ?? '').trim()).filter(Boolean);
    if (!values.length) return;
    const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
    if (share((v) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) > 0.8) assign(col, taken.has('email') ? 'workEmail' : 'email');
    else if (share((v) => /^\+?[\d\s().-]{7,20}$/.test(v) && v.replace(/\D/g, '').length >= 7 && !/^\d{4}-\d{2}-\d{2}$/.test(v)) > 0.8) assign(col, taken.has('mobilePhone') ? 'otherPhone' : 'mobilePhone');
    else if (share((v) => /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$/.test(v)) > 0.8) assign(col, 'dateOfBirth');
  });
  // "Name" alone next to First/Last columns is usually a display name; the parts win.
  const full = mapping.indexOf('fullName');
  if (full >= 0 && taken.has('firstName') && taken.has('lastName')) mapping[full] = '';
  return mapping;
}

/** Reuses a saved mapping on a file with the same (or reordered) headers: matched by header name. */
export function applySavedMapping(headers: string[], saved: Record<string, string>): ColumnMapping {
  const bySquashed = new Map(Object.entries(saved).map(([h, f]) => [squash(h), f]));
  return headers.map((h) => (bySquashed.get(squash(h)) ?? '') as ImportField | '');
}
