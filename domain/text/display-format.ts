import { formatAddress, type AddressParts } from '../contacts/format-address';
import { timezoneLabel } from '../contacts/timezones';
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * How values read on every staff page, in one place: counts with their
 * noun ("1 note", "2 notes"), sizes in bytes, KB or MB, one date style, times
 * in the reader's timezone with its abbreviation, phones formatted for the
 * firm's region. Built per request with the staff member's timezone.
 */
export type DisplayFormat = ReturnType<typeof displayFormat>;

export function displayFormat(o: { timeZone: string; region: string; locale?: string }) {
  const locale = o.locale ?? 'en-US';
  const numberFormat = new Intl.NumberFormat(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: o.timeZone });
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: o.timeZone });
  const zoneFormat = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: o.timeZone });
  const clockFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: o.timeZone });
  const toDate = (d: Date | string | number) => (d instanceof Date ? d : new Date(d));
  const zoneOf = (at: Date) => zoneFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  // ICU puts a narrow no-break space before AM/PM; a plain one reads the same and matches what staff type into a search.
  const plainSpaces = (s: string) => s.replace(/\u202f/g, ' ').trim();
  const timeOf = (at: Date) => plainSpaces(`${timeFormat.format(at)} ${zoneOf(at)}`);
  return {
    timeZone: o.timeZone,
    number: (n: number | null | undefined) => numberFormat.format(Number(n ?? 0)),
    /** "1 note", "2,310 notes"; `many` when the plural is not noun + s. */
    count: (n: number | null | undefined, one: string, many = `${one}s`) => `${numberFormat.format(Number(n ?? 0))} ${Number(n) === 1 ? one : many}`,
    /** "0 bytes", "1 byte", "930 bytes", "1.5 KB", "12 MB", "1.2 GB" (1 KB = 1,024 bytes, as file managers count). */
    size: (bytes: number) => humanSize(bytes, numberFormat),
    /** "Dec 1, 2026" in the reader's timezone. */
    date: (d: Date | string | number) => dateFormat.format(toDate(d)),
    /** "Dec 1, 2026, 9:22 AM CST" in the reader's timezone. */
    time: (d: Date | string | number) => timeOf(toDate(d)),
    /**
     * "Dec 5, 2026, 11:00 AM – 12:00 PM EST" when both ends fall on one day in the reader's timezone (the date and
     * zone said once, as calendars show a meeting); two full times otherwise.
     */
    timeRange: (from: Date | string | number, to: Date | string | number) => {
      const [a, b] = [toDate(from), toDate(to)];
      const sameDay = dateFormat.format(a) === dateFormat.format(b) && zoneOf(a) === zoneOf(b);
      const start = sameDay ? plainSpaces(timeFormat.format(a)) : timeOf(a);
      return `${start} – ${sameDay ? plainSpaces(`${clockFormat.format(b)} ${zoneOf(b)}`) : timeOf(b)}`;
    },
    /** A date-only value (a birth date "1961-03-07") as a date, never shifted by a timezone. */
    calendarDate: (isoDate: string) => {
      const [y, m, d] = isoDate.split('-').map(Number);
      if (!y || !m || !d) return isoDate;
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    },
    /** National format at home ("(312) 750-8527"), international abroad ("+44 20 7946 0958"); what was typed when it does not parse. */
    phone: (e164: string | null | undefined, typed?: string) => formatPhone(e164, typed, o.region),
    /** Emails read lower-cased (the part before @ is case-sensitive only in theory, and no provider treats it so). */
    email: (address: string) => address.toLowerCase(),
    /** "Denver — Mountain Time (GMT-7)": a timezone by its city, as the pickers list it. */
    zone: (id: string) => {
      try {
        return timezoneLabel(id);
      } catch {
        return id; // a name this server's Intl does not know, shown as stored
      }
    },
    /** "72291 E Grand Avenue, Denver, CO, 80202". */
    address: (a: AddressParts | null | undefined) => formatAddress(a),
  };
}

export function humanSize(bytes: number, numberFormat = new Intl.NumberFormat('en-US')): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${numberFormat.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 10 ("1.5 KB"), none above ("12 MB"), so sizes line up as people compare them.
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${units[unit]}`;
}

export function formatPhone(e164: string | null | undefined, typed: string | undefined, region: string): string {
  const parsed = e164 ? parsePhoneNumberFromString(e164) : undefined;
  if (!parsed) return typed ?? e164 ?? '';
  // Same calling code as the firm: dialled nationally (a Toronto number from Chicago is dialled like a local one).
  return parsed.countryCallingCode === homeCallingCode(region) ? parsed.formatNational() : parsed.formatInternational();
}

function homeCallingCode(region: string): string | undefined {
  try {
    return getCountryCallingCode(region.toUpperCase() as CountryCode);
  } catch {
    return undefined;
  }
}
