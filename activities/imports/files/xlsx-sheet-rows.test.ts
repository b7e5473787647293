import { ZipArchive } from 'archiver';
import { once } from 'node:events';
import { createReadStream, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import unzipper from 'unzipper';
import { describe, expect, it } from 'vitest';
import { InvalidImportFile } from '../../../domain/imports/import-file';
import { cellText } from './read-xlsx-rows';
import { xlsxSheetRows } from './xlsx-sheet-rows';
import { entriesOf } from './zip-entries';

const corpus = fileURLToPath(new URL('../../../test/fixtures/import-corpus/', import.meta.url));
const severalSheets = join(corpus, 'several-sheets.xlsx');

async function storedNames(path: string): Promise<string[]> {
  const zip = await unzipper.Open.file(path);
  return zip.files.map((f) => f.path);
}

/** The same workbook with its entries in another order, as other spreadsheet programs write them. */
async function reordered(path: string, order: string[]): Promise<Buffer> {
  const zip = await unzipper.Open.file(path);
  const out = new ZipArchive();
  const bytes = buffer(out.pipe(new PassThrough()));
  for (const name of order) out.append(await zip.files.find((f) => f.path === name)!.buffer(), { name });
  await out.finalize();
  return bytes;
}

async function readSheet(input: Readable, sheet: number, o?: { scratchDir?: string }): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of xlsxSheetRows(input, sheet, o)) rows.push((row.values as unknown[]).slice(1).map(cellText));
  return rows;
}

describe('xlsx entries and sheets', () => {
  // exceljs's own loop lost every entry after the first here (exceljs#3064): Parse says 'end' once its input is written.
  it('hands over every entry even when the first is held until Parse has said end', async () => {
    const zip = unzipper.Parse({ forceStream: true });
    createReadStream(join(corpus, 'formulas-and-dates.xlsx')).pipe(zip);
    const ended = once(zip, 'end');
    const seen: string[] = [];
    for await (const entry of entriesOf(zip)) {
      if (!seen.length) await ended;
      seen.push(entry.path);
      entry.autodrain();
    }
    expect(seen).toEqual(await storedNames(join(corpus, 'formulas-and-dates.xlsx')));
    expect(seen).toContain('xl/workbook.xml');
  });

  it('reads the sheet chosen by its place in the workbook whatever order the archive stores them in', async () => {
    const excelOrder = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet1.xml'];
    const file = await reordered(severalSheets, excelOrder);
    const clients = [['Full name', 'Phone', 'Birthday'], ['Dr. Ada Lovelace', '(415) 555-0134', '1985-12-10'], ['Turing, Alan', '4155550199', '1982-06-23']];
    expect(await readSheet(Readable.from([file]), 1)).toEqual(clients);
    expect(await readSheet(createReadStream(severalSheets), 1)).toEqual(clients);
    const notes = await readSheet(Readable.from([file]), 0);
    expect(notes).toEqual(await readSheet(createReadStream(severalSheets), 0));
    expect(notes.flat().join(' ')).not.toMatch(/Lovelace|object/);
  });

  it('removes its copy of a sheet stored before the shared strings, even when reading stops at the first row', async () => {
    const scratchDir = mkdtempSync(join(tmpdir(), 'xlsx-scratch-'));
    for await (const row of xlsxSheetRows(createReadStream(severalSheets), 1, { scratchDir })) {
      expect(cellText(row.getCell(1).value)).toBe('Full name');
      expect(readdirSync(scratchDir)).toHaveLength(1);
      break;
    }
    expect(readdirSync(scratchDir)).toEqual([]);
  });

  it('says which sheet number is missing, and passes on a failing input instead of waiting for it', async () => {
    await expect(readSheet(createReadStream(severalSheets), 2)).rejects.toSatisfy((e: Error) => e instanceof InvalidImportFile && /no sheet number 3/.test(e.message));
    const half = readFileSync(severalSheets).subarray(0, 3000);
    const failing = new Readable({ read() {} });
    failing.push(half);
    queueMicrotask(() => failing.destroy(new Error('storage went away')));
    await expect(readSheet(failing, 0)).rejects.toThrow(/storage went away/);
  });
});
