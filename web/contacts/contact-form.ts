import { z } from 'zod';
import { isValidTimezone } from '../../domain/contacts/contact-local-time';
import type { ContactInput, FieldError } from '../../domain/contacts/build-contact-record';

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`).optional().default('');
const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const hhmm = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM')]).optional().default('');

/** The contact edit/new form (urlencoded, repeated phone/email rows) parsed into ContactInput. */
const contactFormSchema = z.object({
  firstName: text(100),
  middleName: text(100),
  lastName: text(100),
  preferredName: text(100),
  dateOfBirth: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date format YYYY-MM-DD')]).optional().default(''),
  street: text(200),
  city: text(100),
  region: text(100),
  postcode: text(20),
  country: text(2),
  timezone: z.string().trim().max(64).optional().default('').refine((z) => !z || isValidTimezone(z), 'Pick a timezone from the list, e.g. America/New_York'),
  channel: z.enum(['', 'sms', 'email', 'phone', 'mail']).optional().default(''),
  dncSms: z.literal('on').optional(),
  dncEmail: z.literal('on').optional(),
  dncPhone: z.literal('on').optional(),
  dncMail: z.literal('on').optional(),
  bestStart: hhmm,
  bestEnd: hhmm,
  appInstalled: z.literal('on').optional(),
  appPlatform: z.enum(['', 'ios', 'android', 'web']).optional().default(''),
  tags: text(300),
  phoneRaw: z.preprocess(asArray, z.array(z.string().max(40, 'Too long for a phone number'))),
  phoneType: z.preprocess(asArray, z.array(z.enum(['mobile', 'home', 'work', 'fax', 'other']))),
  phonePrimary: z.coerce.number().int().optional(),
  emailAddress: z.preprocess(asArray, z.array(z.string().max(254, 'Too long for an email address'))),
  emailType: z.preprocess(asArray, z.array(z.enum(['personal', 'work', 'other']))),
  emailPrimary: z.coerce.number().int().optional(),
});

export type ParsedContactForm = { ok: true; input: ContactInput } | { ok: false; errors: FieldError[] };

export function parseContactForm(body: Record<string, unknown>, previousAppStatus?: ContactInput['appStatus']): ParsedContactForm {
  const parsed = contactFormSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })) };
  }
  const f = parsed.data;
  const installed = Boolean(f.appInstalled);
  const input: ContactInput = {
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
  if (f.bestStart && f.bestEnd && f.bestStart >= f.bestEnd) return { ok: false, errors: [{ field: 'bestEnd', message: 'The end must be after the start' }] };
  return { ok: true, input };
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
