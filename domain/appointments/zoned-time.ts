// "2026-12-10" at "15:00" in America/Chicago, as an instant. Intl has no
// parser for zoned wall time, so the zone's offset at that moment is found
// by formatting a first guess and correcting by the difference (twice, for
// the hour around a DST change).
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  let guess = wall;
  try {
    for (let i = 0; i < 2; i++) guess = wall - (wallTimeAt(guess, timeZone) - guess);
  } catch {
    return undefined; // not a timezone
  }
  return new Date(guess);
}

/** The wall-clock time in `timeZone` at instant `ms`, read as if it were UTC. */
function wallTimeAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
}
