/**
 * Makes a text cell of a CSV safe to open in Excel, LibreOffice or Google
 * Sheets: a value starting with = + - @ (or a tab or carriage return, which
 * some spreadsheets skip before such a character) would run as a formula, so
 * it gets a leading apostrophe and shows as text (OWASP's CSV injection
 * advice). A plain number is left alone, sign and all: a spreadsheet reads
 * "+14155550134" (a phone in E.164) or "-12.5" as a number, never as a
 * formula, and the apostrophe would only be noise. (An .xlsx needs none of
 * this: its cells are typed, and a text cell is never evaluated.)
 */
export function neutralizeSpreadsheetCell(value: string): string {
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
