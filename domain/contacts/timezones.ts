import { parsePhoneNumberFromString } from 'libphonenumber-js';

let cached: string[] | undefined;

/** IANA zone names for the timezone pickers, UTC first (schedules default to it; Intl lists it under no region). */
export function timezoneNames(): string[] {
  cached ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/'))];
  return cached;
}

export type TimezoneChoice = { id: string; label: string };
let choices: { at: number; list: TimezoneChoice[] } | undefined;

/**
 * The timezone pickers' options, by city: "Chicago — Central Time (GMT-6)".
 * Sorted by city so typing a city's first letters in the focused list (any
 * browser's select) lands on it; the offsets are today's (daylight saving
 * moves them), so the list is rebuilt once a day.
 */
export function timezoneChoices(now = new Date()): TimezoneChoice[] {
  if (choices && now.getTime() - choices.at < 86_400_000) return choices.list;
  const list = timezoneNames().map((id) => ({ id, label: timezoneLabel(id, now) }));
  list.sort((a, b) => (a.id === 'UTC' ? -1 : b.id === 'UTC' ? 1 : a.label.localeCompare(b.label, 'en')));
  choices = { at: now.getTime(), list };
  return list;
}

/** "Chicago — Central Time (GMT-6)"; "UTC — Coordinated Universal Time". */
export function timezoneLabel(id: string, now = new Date()): string {
  if (id === 'UTC') return 'UTC — Coordinated Universal Time';
  const city = id.split('/').at(-1)!.replace(/_/g, ' ');
  const part = (style: 'longGeneric' | 'shortOffset') => new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: style }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const generic = part('longGeneric');
  const offset = part('shortOffset');
  // Some zones have no name of their own ("GMT+03:00" twice says nothing); the area then tells them apart.
  const name = generic && !/^GMT/.test(generic) ? generic : id.split('/')[0]!.replace(/_/g, ' ');
  return `${city} — ${name} (${offset === 'GMT' ? 'GMT' : offset})`;
}

// The zone most of each US state lives in (a few states span two; the larger part wins).
const US_STATES: Record<string, string> = {
  AL: 'America/Chicago', AK: 'America/Anchorage', AZ: 'America/Phoenix', AR: 'America/Chicago', CA: 'America/Los_Angeles', CO: 'America/Denver', CT: 'America/New_York', DE: 'America/New_York', DC: 'America/New_York', FL: 'America/New_York',
  GA: 'America/New_York', HI: 'Pacific/Honolulu', ID: 'America/Boise', IL: 'America/Chicago', IN: 'America/Indiana/Indianapolis', IA: 'America/Chicago', KS: 'America/Chicago', KY: 'America/New_York', LA: 'America/Chicago', ME: 'America/New_York',
  MD: 'America/New_York', MA: 'America/New_York', MI: 'America/Detroit', MN: 'America/Chicago', MS: 'America/Chicago', MO: 'America/Chicago', MT: 'America/Denver', NE: 'America/Chicago', NV: 'America/Los_Angeles', NH: 'America/New_York',
  NJ: 'America/New_York', NM: 'America/Denver', NY: 'America/New_York', NC: 'America/New_York', ND: 'America/Chicago', OH: 'America/New_York', OK: 'America/Chicago', OR: 'America/Los_Angeles', PA: 'America/New_York', RI: 'America/New_York',
  SC: 'America/New_York', SD: 'America/Chicago', TN: 'America/Chicago', TX: 'America/Chicago', UT: 'America/Denver', VT: 'America/New_York', VA: 'America/New_York', WA: 'America/Los_Angeles', WV: 'America/New_York', WI: 'America/Chicago',
  WY: 'America/Denver', PR: 'America/Puerto_Rico',
};
const US_STATE_NAMES: Record<string, string> = { alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'district of columbia': 'DC', 'puerto rico': 'PR' };
// Countries with one timezone (and the main one of a few that have more), by ISO code.
const COUNTRIES: Record<string, string> = {
  GB: 'Europe/London', IE: 'Europe/Dublin', FR: 'Europe/Paris', DE: 'Europe/Berlin', ES: 'Europe/Madrid', IT: 'Europe/Rome', NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', CH: 'Europe/Zurich', AT: 'Europe/Vienna', PT: 'Europe/Lisbon', PL: 'Europe/Warsaw', SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki', GR: 'Europe/Athens', UA: 'Europe/Kyiv', RO: 'Europe/Bucharest', TR: 'Europe/Istanbul',
  IN: 'Asia/Kolkata', PK: 'Asia/Karachi', CN: 'Asia/Shanghai', JP: 'Asia/Tokyo', KR: 'Asia/Seoul', PH: 'Asia/Manila', VN: 'Asia/Ho_Chi_Minh', TH: 'Asia/Bangkok', SG: 'Asia/Singapore', IL: 'Asia/Jerusalem', AE: 'Asia/Dubai', SA: 'Asia/Riyadh',
  MX: 'America/Mexico_City', GT: 'America/Guatemala', SV: 'America/El_Salvador', HN: 'America/Tegucigalpa', CO: 'America/Bogota', PE: 'America/Lima', VE: 'America/Caracas', AR: 'America/Argentina/Buenos_Aires', CL: 'America/Santiago', DO: 'America/Santo_Domingo', CU: 'America/Havana', JM: 'America/Jamaica', HT: 'America/Port-au-Prince',
  NG: 'Africa/Lagos', KE: 'Africa/Nairobi', ZA: 'Africa/Johannesburg', EG: 'Africa/Cairo', ET: 'Africa/Addis_Ababa', GH: 'Africa/Accra', NZ: 'Pacific/Auckland',
};

/**
 * The timezone a contact most likely lives in, from their address (a US
 * state, else the country) or, without one, their phone's country; undefined
 * when neither tells (a US number alone could be in six zones).
 */
export function guessTimezone(o: { region?: string | null; country?: string | null; phones?: { e164?: string | null }[]; defaultCountry: string }): string | undefined {
  const country = countryCode(o.country) ?? (o.region ? o.defaultCountry.toUpperCase() : undefined);
  const region = o.region?.trim();
  if (region && (country === 'US' || !country)) {
    const state = region.length === 2 ? region.toUpperCase() : US_STATE_NAMES[region.toLowerCase()];
    if (state && US_STATES[state]) return US_STATES[state];
  }
  if (country && country !== 'US' && COUNTRIES[country]) return COUNTRIES[country];
  for (const p of o.phones ?? []) {
    // +1 is shared by the US, Canada and the Caribbean, and spans many zones: it tells nothing alone.
    if (!p.e164 || p.e164.startsWith('+1')) continue;
    const phoneCountry = p.e164 ? parsePhoneNumberFromString(p.e164)?.country : undefined;
    if (phoneCountry && COUNTRIES[phoneCountry]) return COUNTRIES[phoneCountry];
  }
  return undefined;
}

const COUNTRY_NAMES: Record<string, string> = { 'united states': 'US', usa: 'US', 'u.s.a.': 'US', us: 'US', 'united kingdom': 'GB', uk: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', ireland: 'IE', france: 'FR', germany: 'DE', spain: 'ES', italy: 'IT', netherlands: 'NL', mexico: 'MX', méxico: 'MX', india: 'IN', canada: 'CA', philippines: 'PH', china: 'CN', japan: 'JP' };

function countryCode(country: string | null | undefined): string | undefined {
  const c = country?.trim();
  if (!c) return undefined;
  if (c.length === 2) return c.toUpperCase();
  return COUNTRY_NAMES[c.toLowerCase()];
}
