export type DateParse = { ok: true; date: string } | { ok: false; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * A date of birth as spreadsheets hold it, to YYYY-MM-DD: ISO dates,
 * 19800307, Excel serial numbers (29287), 3/7/1980 (month first where the
 * firm's region writes it so, unless the day is over 12), 07.03.1980,
 * "March 7, 1980", "7 Mar 1980", two-digit years.
 */
export function parseImportDate(raw: string, o: { monthFirst: boolean; today?: Date }): DateParse {
  const v = raw.trim();
  const today = o.today ?? new Date();
  let y: number, m: number, d: number;
  let match: RegExpMatchArray | null;
  if ((match = v.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/))) [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = v.match(/^(\d{4})(\d{2})(\d{2})$/))) [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = v.match(/^(\d{1,5})(?:\.0+)?$/))) {
    const serial = +match[1]!;
    if (serial < 1 || serial > 80000) return { ok: false, reason: `"${v}" is not a date` };
    const date = new Date(EXCEL_EPOCH_UTC + serial * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else if ((match = v.match(/^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/))) {
    const a = +match[1]!;
    const b = +match[3]!;
    // Dotted dates (07.03.1980) are day-first everywhere they are written.
    const monthFirst = match[2] === '.' ? false : a > 12 ? false : b > 12 ? true : o.monthFirst;
    [m, d] = monthFirst ? [a, b] : [b, a];
    y = fullYear(match[4]!, today);
  } else if ((match = v.match(/^([a-z]{3,})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{2}|\d{4})$/i))) {
    m = monthNumber(match[1]!);
    d = +match[2]!;
    y = fullYear(match[3]!, today);
  } else if ((match = v.match(/^(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,})\.?,? (\d{2}|\d{4})$/i))) {
    d = +match[1]!;
    m = monthNumber(match[2]!);
    y = fullYear(match[3]!, today);
  } else return { ok: false, reason: `"${v}" is not a date we can read (use YYYY-MM-DD)` };

  const date = new Date(Date.UTC(y, m - 1, d));
  if (!m || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, reason: `"${v}" is not a real date` };
  if (date.getTime() > today.getTime()) return { ok: false, reason: `"${v}" is in the future` };
  if (y < 1880) return { ok: false, reason: `"${v}" is too long ago to be a date of birth` };
  return { ok: true, date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Two-digit birth years are in the past: "85" is 1985, "12" is 2012 until 2012 is in the future. */
function fullYear(text: string, today: Date): number {
  if (text.length === 4) return +text;
  const yy = +text;
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  return century + yy > today.getUTCFullYear() ? century - 100 + yy : century + yy;
}
