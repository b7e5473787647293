/**
 * One data row of an import file. `row` is the spreadsheet row number (the
 * header is row 1), which is what staff see when they open the file to fix it.
 * A row the parser could not read carries an error instead of trusted values.
 */
export type FileRow = { row: number; values: string[]; error?: undefined } | { row: number; values: string[]; error: string };

export type ImportFormat = 'csv' | 'xlsx';

/** How to read a stored import file, decided when it was uploaded. */
export type FileReadOptions = { format: 'csv'; encoding: string; delimiter: string } | { format: 'xlsx'; sheet: number };

/** A problem with the whole file; the import stops with this message and nothing after it is read. */
export class InvalidImportFile extends Error {
  override name = 'InvalidImportFile';
}

/** How an uploaded file will be read, its header and first rows (the mapping screen), and what staff should look at first. */
export type ImportFileAnalysis = {
  read: FileReadOptions;
  headers: string[];
  sampleRows: string[][];
  /** Things staff should look at before mapping; the import can still go ahead. */
  warnings: string[];
};
