export type LocalTime = { label: string; goodTimeToCall: boolean; reason: string } | undefined;

const DEFAULT_HOURS = { start: '09:00', end: '18:00' };

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The contact's local time now, and whether it falls inside their best
 * hours (or ordinary business hours when they gave none).
 */
export function contactLocalTime(timezone: string | undefined, bestHours: { start?: string | null; end?: string | null } | undefined, now: Date): LocalTime {
  if (!timezone) return undefined;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).formatToParts(now);
  } catch {
    return undefined; // unknown zone name
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = Number(get('hour'));
  const minute = Number(get('minute'));
  const weekday = get('weekday');
  const label = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hour: 'numeric', minute: '2-digit', weekday: 'short' }).format(now);
  const start = bestHours?.start || DEFAULT_HOURS.start;
  const end = bestHours?.end || DEFAULT_HOURS.end;
  const nowMinutes = hour * 60 + minute;
  const inHours = nowMinutes >= minutes(start) && nowMinutes < minutes(end);
  const weekend = weekday === 'Sat' || weekday === 'Sun';
  const source = bestHours?.start ? 'their best hours' : 'business hours';
  if (!inHours) return { label, goodTimeToCall: false, reason: `outside ${source} (${start}–${end})` };
  if (weekend && !bestHours?.start) return { label, goodTimeToCall: false, reason: 'weekend' };
  return { label, goodTimeToCall: true, reason: `within ${source} (${start}–${end})` };
}

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
