import type { ContactInput } from '../../domain/contacts/build-contact-record';
import type { FieldError } from '../../domain/contacts/build-contact-record';
import type { RawForm } from '../validation';
import type { ContactForm } from './contacts.schemas';

/** The validated contact form as ContactInput; the app's install time is kept from before when it stays installed. */
export function toContactInput(f: ContactForm, previousAppStatus?: ContactInput['appStatus']): ContactInput {
  const installed = Boolean(f.appInstalled);
  return {
    firstName: f.firstName,
    middleName: f.middleName,
    lastName: f.lastName,
    preferredName: f.preferredName,
    dateOfBirth: f.dateOfBirth,
    address: f.street || f.city || f.region || f.postcode || f.country ? { street: f.street, city: f.city, region: f.region, postcode: f.postcode, country: f.country.toUpperCase() } : undefined,
    timezone: f.timezone,
    preferences: {
      channel: f.channel || undefined,
      doNotContact: { sms: Boolean(f.dncSms), email: Boolean(f.dncEmail), phone: Boolean(f.dncPhone), mail: Boolean(f.dncMail) },
      bestHours: f.bestStart && f.bestEnd ? { start: f.bestStart, end: f.bestEnd } : undefined,
    },
    appStatus: installed
      ? { installed: true, at: previousAppStatus?.installed ? previousAppStatus.at : new Date(), platform: f.appPlatform || previousAppStatus?.platform || undefined }
      : { installed: false },
    tags: f.tags.split(',').map((t) => t.trim()).filter(Boolean),
    phones: f.phoneRaw.map((raw, i) => ({ raw, type: f.phoneType[i] ?? 'mobile', primary: f.phonePrimary === i })),
    emails: f.emailAddress.map((address, i) => ({ address, type: f.emailType[i] ?? 'personal', primary: f.emailPrimary === i })),
  };
}

/** Field errors keyed by field name for the templates ("phones.1" -> the second phone row). */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of errors) {
    const key = e.field.replace(/^phoneRaw\.(\d+)$/, 'phones.$1').replace(/^emailAddress\.(\d+)$/, 'emails.$1');
    map[key] ??= e.message;
  }
  return map;
}

/** Issues of the form's schema as field errors. */
export const issuesAsErrors = (issues: { path: PropertyKey[]; message: string }[]): FieldError[] => issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));

/** What was typed in the phone and email rows, shown back when the form has errors. */
export function formEcho(body: RawForm) {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
  const raws = list(body.phoneRaw);
  const types = list(body.phoneType);
  const addresses = list(body.emailAddress);
  const emailTypes = list(body.emailType);
  return {
    phones: raws.map((raw, i) => ({ raw, type: types[i] ?? 'mobile', primary: String(body.phonePrimary) === String(i) })),
    emails: addresses.map((address, i) => ({ address, type: emailTypes[i] ?? 'personal', primary: String(body.emailPrimary) === String(i) })),
  };
}
