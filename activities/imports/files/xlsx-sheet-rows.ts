import ExcelJS from 'exceljs';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidImportFile } from '../../../domain/imports/import-file';
import { zipEntries } from './zip-entries';

/** The parts of exceljs's streaming reader used here: its XML parsers, not its zip loop (see zipEntries). */
type WorkbookParts = {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(rows: AsyncIterable<unknown>, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
};

const SHEET_PATH = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * The rows of one worksheet of an .xlsx arriving as a stream, the sheet chosen
 * by its place in the workbook (as the archive check lists the names).
 *
 * A sheet is read straight from the archive when everything its cells refer
 * to (shared strings, styles for dates, the workbook's sheet list) came before
 * it; otherwise it is copied to a temporary file and read after the last entry,
 * as exceljs does, and the file is removed however reading ends. Sheets other
 * than the chosen one are skipped once the workbook says which one that is.
 */
export async function* xlsxSheetRows(input: Readable, sheet: number, o: { scratchDir?: string } = {}): AsyncGenerator<ExcelJS.Row> {
  const book = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as WorkbookParts;
  let sharedStringsRead = false;
  let stylesRead = false;
  let tempDir: string | undefined;
  const copied = new Map<string, string>();
  try {
    for await (const entry of zipEntries(input)) {
      if (entry.path === 'xl/_rels/workbook.xml.rels') await book._parseRels(entry);
      else if (entry.path === 'xl/workbook.xml') await book._parseWorkbook(entry);
      else if (entry.path === 'xl/sharedStrings.xml') {
        for await (const _ of book._parseSharedStrings(entry)) void _; // cached on the reader, nothing to hand out
        sharedStringsRead = true;
      } else if (entry.path === 'xl/styles.xml') {
        await book._parseStyles(entry);
        stylesRead = true;
      } else if (SHEET_PATH.test(entry.path)) {
        const chosen = chosenSheetPath(book, sheet);
        if (chosen === entry.path && sharedStringsRead && stylesRead) {
          yield* worksheetRows(book, entry.pipe(new PassThrough()), entry.path);
          return;
        }
        if (chosen === undefined || chosen === entry.path) {
          tempDir ??= await mkdtemp(join(o.scratchDir ?? tmpdir(), 'casebook-xlsx-'));
          const file = join(tempDir, `${copied.size}.xml`);
          await pipeline(entry, createWriteStream(file));
          copied.set(entry.path, file);
          continue;
        }
      }
      entry.autodrain();
    }
    const chosen = chosenSheetPath(book, sheet);
    const file = chosen && copied.get(chosen);
    if (!file) throw new InvalidImportFile(`The workbook has no sheet number ${sheet + 1}.`);
    yield* worksheetRows(book, createReadStream(file), chosen);
  } finally {
    input.destroy();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * xl/worksheets/sheetN.xml of the workbook's sheet number `sheet` (from 0): undefined until the workbook and its
 * relations are read, null when the workbook has no such sheet.
 */
function chosenSheetPath(book: WorkbookParts, sheet: number): string | null | undefined {
  if (!book.model || !book.workbookRels) return undefined;
  const rId = book.model.sheets?.[sheet]?.rId;
  const target = book.workbookRels.find((rel) => rel.Id === rId)?.Target;
  if (!target) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

function worksheetRows(book: WorkbookParts, xml: AsyncIterable<unknown>, path: string): AsyncIterable<ExcelJS.Row> {
  const sheetNo = path.match(/(\d+)\.xml$/)?.[1] ?? '1';
  const [emitted] = [...book._parseWorksheet(xml, sheetNo)];
  return emitted!.value;
}
