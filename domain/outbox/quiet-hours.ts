// When an SMS may reach a person: inside their local sending window (8:00 to
// 21:00 by default, set per purpose), narrowed where the recipient's US state
// has a stricter rule for texts from businesses. A message queued outside the
// window is held until the window next opens, in the recipient's timezone.
export type SendingWindow = { start: string; end: string }; // "HH:MM", start < end, local time

export const DEFAULT_SMS_WINDOW: SendingWindow = { start: '08:00', end: '21:00' };

/**
 * Stricter state windows (telephone-solicitation laws that also cover
 * texts): Florida, Oklahoma, Maryland and Washington 8:00–20:00; Connecticut
 * 9:00–20:00; Texas 9:00–21:00, from noon on Sundays. A firm's counsel may
 * want more; these are the floor.
 */
const STATE_WINDOWS: Record<string, { window: SendingWindow; sunday?: SendingWindow }> = {
  FL: { window: { start: '08:00', end: '20:00' } },
  OK: { window: { start: '08:00', end: '20:00' } },
  MD: { window: { start: '08:00', end: '20:00' } },
  WA: { window: { start: '08:00', end: '20:00' } },
  CT: { window: { start: '09:00', end: '20:00' } },
  TX: { window: { start: '09:00', end: '21:00' }, sunday: { start: '12:00', end: '21:00' } },
};

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Parses "08:00-21:00"; undefined when malformed or empty. */
export function parseWindow(text: string): SendingWindow | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/.exec(text.trim());
  if (!m) return undefined;
  const w = { start: `${m[1]}:${m[2]}`, end: `${m[3]}:${m[4]}` };
  return minutes(w.start) < minutes(w.end) ? w : undefined;
}

type LocalTime = { weekday: number; minutes: number; date: string };

/** The wall-clock time at `at` in `timeZone` (weekday 0 = Sunday). */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute), date: `${parts.year}-${parts.month}-${parts.day}` };
}

/** The window that applies on a given weekday: the purpose's, narrowed by the state's. */
export function effectiveWindow(window: SendingWindow, state: string | undefined, weekday: number): SendingWindow {
  const rule = state ? STATE_WINDOWS[state.toUpperCase()] : undefined;
  if (!rule) return window;
  const s = weekday === 0 && rule.sunday ? rule.sunday : rule.window;
  return {
    start: minutes(s.start) > minutes(window.start) ? s.start : window.start,
    end: minutes(s.end) < minutes(window.end) ? s.end : window.end,
  };
}

/**
 * When an SMS queued at `now` may go out: `now` itself inside the window,
 * else the next opening of the window in `timeZone` (found minute-exact by
 * stepping through the next days' local openings, so DST changes are right).
 */
export function nextSendingTime(o: { now: Date; timeZone: string; window: SendingWindow; state?: string }): Date {
  const here = localTime(o.now, o.timeZone);
  const today = effectiveWindow(o.window, o.state, here.weekday);
  if (here.minutes >= minutes(today.start) && here.minutes < minutes(today.end)) return o.now;
  // Candidate openings: today's (if still ahead) and the next local days', each located as the instant whose local time is the opening.
  for (let day = 0; day < 8; day++) {
    const date = addDays(here.date, day);
    const w = effectiveWindow(o.window, o.state, (here.weekday + day) % 7);
    const opening = instantOfLocal(date, minutes(w.start), o.timeZone);
    if (opening > o.now) return opening;
  }
  return o.now; // unreachable for a valid window
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The instant at which the local clock in `timeZone` shows `date` `minuteOfDay` (the first such, the next valid one in a DST gap). */
function instantOfLocal(date: string, minuteOfDay: number, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  // Two corrections by the zone's offset converge for every real zone.
  let t = guess;
  for (let i = 0; i < 3; i++) {
    const l = localTime(new Date(t), timeZone);
    const shownAt = Date.parse(`${l.date}T00:00:00Z`) + l.minutes * 60_000;
    t += guess - shownAt;
  }
  return new Date(Math.floor(t / 60_000) * 60_000);
}
