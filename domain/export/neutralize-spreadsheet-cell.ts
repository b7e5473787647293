/**
 * Makes a text cell safe to open in Excel, LibreOffice or Google Sheets: a
 * value starting with = + - @ (or a tab or carriage return, which some
 * spreadsheets skip before such a character) would run as a formula, so it
 * gets a leading apostrophe and shows as text (OWASP's CSV injection advice).
 */
export function neutralizeSpreadsheetCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
