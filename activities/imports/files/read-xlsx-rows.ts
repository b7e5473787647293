import type { Readable } from 'node:stream';
import { InvalidImportFile, type FileRow } from '../../../domain/imports/import-file';
import { xlsxSheetRows } from './xlsx-sheet-rows';

// Excel's own limits; a sheet claiming more is not a contact list.
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 200;

/**
 * Streams the rows of one worksheet of an .xlsx file without loading the
 * workbook. Cells become text the way they show in Excel: dates as
 * YYYY-MM-DD, formulas as their last computed value, rich text as its text.
 * Row numbers are the sheet's own, so blank rows in between keep them true.
 */
export async function* readXlsxRows(input: Readable, o: { sheet: number }): AsyncGenerator<FileRow | { header: string[] }> {
  let headerSeen = false;
  try {
    for await (const row of xlsxSheetRows(input, o.sheet)) {
      if (row.number > MAX_ROWS) throw new InvalidImportFile(`The sheet has more than ${MAX_ROWS.toLocaleString('en-US')} rows.`);
      const raw = (row.values as unknown[]).slice(1);
      if (raw.length > MAX_COLUMNS) throw new InvalidImportFile(`Row ${row.number} has more than ${MAX_COLUMNS} columns.`);
      const values = Array.from(raw, cellText);
      if (values.every((v) => !v.trim())) continue;
      if (!headerSeen) {
        headerSeen = true;
        yield { header: values.map((h) => h.trim()) };
      } else yield { row: row.number, values };
    }
  } catch (err) {
    if (err instanceof InvalidImportFile) throw err;
    throw new InvalidImportFile(`The Excel file could not be read (${(err as Error).message}). Save it again from Excel as .xlsx, or export it as CSV.`);
  }
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if (o.error) return '';
    if (o.text !== undefined) return cellText(o.text);
  }
  return String(v);
}
