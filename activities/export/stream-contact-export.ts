import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { exportColumns, type ExportableContact } from '../../domain/export/export-fields';
import { neutralizeSpreadsheetCell } from '../../domain/export/neutralize-spreadsheet-cell';

export type ExportFormat = 'csv' | 'xlsx';
// An Excel sheet holds 1,048,576 rows including the header.
export const XLSX_MAX_ROWS = 1_048_575;

/**
 * Turns a stream of contacts into the bytes of a CSV (UTF-8 with BOM, so
 * Excel reads accents) or .xlsx file, row by row, never holding the rows.
 * In a CSV every cell is neutralized so no spreadsheet runs it as a formula;
 * an .xlsx holds typed text cells, which no spreadsheet evaluates, as they are.
 */
export function streamContactExport(contacts: AsyncIterable<ExportableContact>, o: { fields: string[]; format: ExportFormat; onRow?: () => void }): Readable {
  const { fields } = exportColumns(o.fields);
  const header = fields.map((f) => f.label);
  const csvRow = (c: ExportableContact) => fields.map((f) => neutralizeSpreadsheetCell(f.value(c)));
  const xlsxRow = (c: ExportableContact) => fields.map((f) => f.value(c));
  if (o.format === 'csv') {
    async function* rows() {
      yield header;
      for await (const c of contacts) {
        o.onRow?.();
        yield csvRow(c);
      }
    }
    return Readable.from(rows()).pipe(stringify({ bom: true }));
  }
  const out = new PassThrough();
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('Contacts');
    sheet.addRow(header).commit();
    let n = 0;
    for await (const c of contacts) {
      if (++n > XLSX_MAX_ROWS) break;
      o.onRow?.();
      sheet.addRow(xlsxRow(c)).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
