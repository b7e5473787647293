import { z } from 'zod';
import { APP_PLATFORMS, CHANNELS, EMAIL_TYPES, PHONE_TYPES } from '../../domain/contacts/contact-fields';
import { isValidTimezone } from '../../domain/contacts/contact-local-time';
import { searchProblem } from '../../domain/contacts/parse-contact-search';

const APP_STATUSES = ['installed', 'not_installed'] as const;
const CASE_STATUSES = ['open', 'pending', 'closed'] as const;
const MAX_TAG_CHARS = 50;

/**
 * The contacts page's filters, as they appear in the URL. A choice that is
 * not one of the options reads as absent here; listFilterProblems says which
 * were given and refused, and the pages refuse to list (or export) on them
 * rather than quietly widen to every contact.
 */
export const contactListQuery = z.object({
  appStatus: z.enum(APP_STATUSES).optional().catch(undefined),
  // Kept as typed, however long: a search that cannot be run matches no one (parseContactSearch), never everyone.
  q: z.string().trim().optional().catch(undefined),
  tag: z.string().trim().max(MAX_TAG_CHARS).optional().catch(undefined),
  caseStatus: z.enum(CASE_STATUSES).optional().catch(undefined),
  sort: z.enum(['name_desc']).optional().catch(undefined), // absent: name A–Z
  after: z.string().max(500).optional().catch(undefined),
});

export type ContactListQuery = z.infer<typeof contactListQuery>;

/** The parameters that narrow the list (and so an export); sort and paging do not. */
export const LIST_FILTER_KEYS = ['q', 'appStatus', 'tag', 'caseStatus'] as const;

/** The page a refused filter lists: no one. */
export const NO_CONTACTS = { rows: [], total: 0, source: 'refused' } as const;

/** What is wrong with the filters as given in the URL, one sentence each; empty when all can be used. */
export function listFilterProblems(raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const given = (key: string) => raw[key]?.trim() || undefined;
  const search = searchProblem(given('q'));
  if (search) problems.push(search);
  const appStatus = given('appStatus');
  if (appStatus && !(APP_STATUSES as readonly string[]).includes(appStatus)) problems.push('App status must be Installed or Not installed.');
  const caseStatus = given('caseStatus');
  if (caseStatus && !(CASE_STATUSES as readonly string[]).includes(caseStatus)) problems.push('Case status must be Open, Pending or Closed.');
  const tag = given('tag');
  if (tag && tag.length > MAX_TAG_CHARS) problems.push(`A tag has at most ${MAX_TAG_CHARS} characters.`);
  return problems;
}

/** The query string for a filter state, without empty values, so URLs stay short and shareable. */
export function toQueryString(q: Partial<ContactListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value) params.set(key, value);
  const s = params.toString();
  return s ? `?${s}` : '';
}

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`).optional().default('');
const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const hhmm = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM')]).optional().default('');

/** The contact edit/new form: urlencoded, with repeated phone and email rows (phoneRaw.1 is the second phone). */
export const contactForm = z
  .object({
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
    timezone: z.string().trim().max(64).optional().default('').refine((tz) => !tz || isValidTimezone(tz), 'Pick a timezone from the list, e.g. America/New_York'),
    channel: z.enum(['', ...CHANNELS]).optional().default(''),
    dncSms: z.literal('on').optional(),
    dncEmail: z.literal('on').optional(),
    dncPhone: z.literal('on').optional(),
    dncMail: z.literal('on').optional(),
    bestStart: hhmm,
    bestEnd: hhmm,
    appInstalled: z.literal('on').optional(),
    appPlatform: z.enum(['', ...APP_PLATFORMS]).optional().default(''),
    tags: text(300),
    phoneRaw: z.preprocess(asArray, z.array(z.string().max(40, 'Too long for a phone number'))),
    phoneType: z.preprocess(asArray, z.array(z.enum(PHONE_TYPES))),
    phonePrimary: z.coerce.number().int().optional(),
    emailAddress: z.preprocess(asArray, z.array(z.string().max(254, 'Too long for an email address'))),
    emailType: z.preprocess(asArray, z.array(z.enum(EMAIL_TYPES))),
    emailPrimary: z.coerce.number().int().optional(),
  })
  .refine((f) => !(f.bestStart && f.bestEnd && f.bestStart >= f.bestEnd), { path: ['bestEnd'], message: 'The end must be after the start' });

export type ContactForm = z.infer<typeof contactForm>;
