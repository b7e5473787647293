import { fileTypeFromBuffer } from 'file-type';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { detectDelimiter } from '../../../domain/imports/detect-delimiter';
import { detectEncoding, looksBinary } from '../../../domain/imports/detect-encoding';
import { InvalidImportFile, type FileReadOptions, type FileRow, type ImportFileAnalysis } from '../../../domain/imports/import-file';

export type { ImportFileAnalysis };
import { readCsvRows } from './read-csv-rows';
import { readXlsxRows } from './read-xlsx-rows';

export const SAMPLE_ROWS = 10;


/**
 * Works out how to read an uploaded file from its first bytes (format,
 * encoding, delimiter; the sheet for a workbook) and reads the header and
 * the first rows for the mapping screen. Staff can override each choice.
 * Throws InvalidImportFile with a message for staff when the file cannot be
 * imported at all.
 */
export async function analyzeImportFile(o: { head: Buffer; open: () => Promise<Readable>; override?: { encoding?: string; delimiter?: string; sheet?: number } }): Promise<ImportFileAnalysis> {
  if (o.head.length === 0) throw new InvalidImportFile('The file is empty.');
  let read: FileReadOptions;
  if (o.head[0] === 0x50 && o.head[1] === 0x4b) {
    read = { format: 'xlsx', sheet: o.override?.sheet ?? 0 };
  } else {
    const guess = detectEncoding(o.head);
    const encoding = o.override?.encoding ?? guess.encoding;
    if (!iconv.encodingExists(encoding)) throw new InvalidImportFile(`Unknown text encoding ${encoding}.`);
    const text = iconv.decode(o.head, encoding);
    // Text first: byte sniffers also "recognize" plain text (a UTF-16 BOM reads as an MP3 frame).
    if (looksBinary(text)) {
      const sniffed = await fileTypeFromBuffer(o.head);
      if (sniffed?.ext === 'cfb') throw new InvalidImportFile('This is an old Excel 97–2003 (.xls) file. Open it in Excel and save it as .xlsx or CSV.');
      throw new InvalidImportFile(sniffed ? `This is a ${sniffed.ext.toUpperCase()} file, not a CSV or Excel file.` : 'This file is not text: it is not a CSV file (perhaps another kind of file renamed .csv).');
    }
    read = { format: 'csv', encoding, delimiter: o.override?.delimiter ?? detectDelimiter(text) };
  }

  let headers: string[] | undefined;
  const sampleRows: string[][] = [];
  const problems: FileRow[] = [];
  const rows = read.format === 'csv' ? readCsvRows(await o.open(), read) : readXlsxRows(await o.open(), read);
  for await (const item of rows) {
    if ('header' in item) headers = item.header;
    else if (item.error) problems.push(item);
    else sampleRows.push(item.values);
    if (sampleRows.length + problems.length >= SAMPLE_ROWS) break;
  }
  if (!headers || headers.every((h) => !h)) throw new InvalidImportFile('The file has no header row. The first row must name the columns (e.g. First Name, Last Name, Email).');
  if (!sampleRows.length && !problems.length) throw new InvalidImportFile('The file has a header row but no contacts under it.');

  const warnings: string[] = [];
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = h.toLowerCase();
    if (!h) warnings.push(`Column ${i + 1} has no name in the header row.`);
    else if (seen.has(key)) warnings.push(`Columns ${seen.get(key)! + 1} and ${i + 1} are both called "${h}"; choose a field for each below.`);
    else seen.set(key, i);
  });
  if (read.format === 'csv' && headers.length === 1) warnings.push('Only one column was found. If the file uses another separator, choose it under "Read the file as".');
  for (const p of problems) warnings.push(`Row ${p.row}: ${p.error}`);
  return { read, headers, sampleRows, warnings };
}

/** The rows of a stored file, header first, however it is stored. */
export function readImportRows(input: Readable, read: FileReadOptions) {
  return read.format === 'csv' ? readCsvRows(input, read) : readXlsxRows(input, read);
}
