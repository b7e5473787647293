import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportMatchIndex } from '../../../domain/imports/import-match-index';
import { decideBatch, matchBatchRows, prepareBatchRows, type LedgerEntry } from '../../../domain/imports/plan-import-batch';
import { suggestColumnMapping } from '../../../domain/imports/suggest-column-mapping';
import { contactMatchInput } from '../../../domain/duplicates/contact-match-input';
import { defaultMatcher } from '../../duplicates/default-matcher';
import { analyzeImportFile, readImportRows, type ImportFileAnalysis } from './analyze-import-file';
import { checkXlsxArchive } from './check-xlsx-archive';
import { InvalidImportFile, type FileRow } from '../../../domain/imports/import-file';

// The bad-input corpus (test/fixtures/import-corpus, made by scripts/fixtures/make-import-corpus.ts):
// every file gets a clear message, for the whole file or per row, and every row an outcome.
const corpus = fileURLToPath(new URL('../../../test/fixtures/import-corpus/', import.meta.url));

async function analyze(path: string, override?: { delimiter?: string; sheet?: number }): Promise<ImportFileAnalysis & { sheets?: string[] }> {
  const head = readFileSync(path).subarray(0, 64 * 1024);
  const sheets = head[0] === 0x50 && head[1] === 0x4b ? (await checkXlsxArchive(path)).sheets : undefined;
  return { ...(await analyzeImportFile({ head, open: async () => createReadStream(path), override })), sheets };
}

/** What a dry run would record for every row, with the suggested mapping and no existing contacts. */
async function plan(path: string, override?: { delimiter?: string; sheet?: number }): Promise<{ analysis: ImportFileAnalysis; entries: LedgerEntry[] }> {
  const analysis = await analyze(path, override);
  const rows: FileRow[] = [];
  for await (const item of readImportRows(createReadStream(path), analysis.read)) if (!('header' in item)) rows.push(item);
  const o = {
    importId: 'corpus', mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), policy: 'merge' as const, region: 'US', monthFirst: true,
    index: new ImportMatchIndex(defaultMatcher(), { defaultRegion: 'US' }), newId: (row: number) => `new:${row}`, toMatchInput: (r: object) => contactMatchInput(r as never),
    simulatedRowOf: (id: string) => (id.startsWith('new:') ? Number(id.slice(4)) : undefined),
  };
  return { analysis, entries: decideBatch(matchBatchRows(prepareBatchRows(rows, o), o), new Map(), o).entries };
}

const rejects = async (file: string, message: RegExp) => {
  await expect(analyze(join(corpus, file))).rejects.toSatisfy((e: Error) => e instanceof InvalidImportFile && message.test(e.message));
};

describe('import bad-input corpus', () => {
  it('an empty file is refused', () => rejects('empty.csv', /empty/));
  it('a header without rows is refused', () => rejects('header-only.csv', /header row but no contacts/));
  it('a binary file renamed .csv is refused by its bytes', () => rejects('binary-renamed.png.csv', /PNG file, not a CSV/));
  it('a zip bomb named .xlsx is refused before unpacking', () => rejects('zip-bomb.xlsx', /zip bomb/));

  it('semicolons are detected; forcing the wrong delimiter shows one column and a warning', async () => {
    const found = await analyze(join(corpus, 'semicolons.csv'));
    expect(found.read).toMatchObject({ format: 'csv', delimiter: ';' });
    expect(found.headers).toEqual(['First Name', 'Last Name', 'Email']);
    const forced = await analyze(join(corpus, 'semicolons.csv'), { delimiter: ',' });
    expect(forced.headers).toHaveLength(1);
    expect(forced.warnings.join(' ')).toMatch(/Only one column/);
  });

  it('an unclosed quote fails the row where it opens, with the reason, and keeps the rows before', async () => {
    const { entries } = await plan(join(corpus, 'unbalanced-quotes.csv'));
    expect(entries.map((e) => [e.row, e.outcome])).toEqual([[2, 'created'], [3, 'failed']]);
    expect(entries[1]!.reason).toMatch(/quote.*never closed/);
  });

  it('an unreadable row keeps its place however the bytes arrive (all at once, the parser reports it before the rows ahead of it)', async () => {
    const bytes = readFileSync(join(corpus, 'unbalanced-quotes.csv'));
    const read = { format: 'csv' as const, encoding: 'utf-8', delimiter: ',' };
    for (const input of [Readable.from([bytes]), Readable.from([...bytes].map((b) => Buffer.from([b])))]) {
      const items = [];
      for await (const item of readImportRows(input, read)) items.push(item);
      expect(items.map((i) => ('header' in i ? 'header' : [i.row, i.error ? 'error' : 'ok']))).toEqual(['header', [2, 'ok'], [3, 'error']]);
    }
  });

  it('quoted newlines and doubled quotes stay inside their field', async () => {
    const { entries, analysis } = await plan(join(corpus, 'quoted-newlines.csv'));
    expect(analysis.sampleRows[0]![2]).toBe("12 St James's Square\nFlat 2");
    expect(analysis.sampleRows[1]![2]).toBe('1 "The" Lane');
    expect(entries.map((e) => e.outcome)).toEqual(['created', 'created']);
  });

  it('\\n, \\r\\n and \\r line ends in one file give clean values', async () => {
    const { analysis } = await plan(join(corpus, 'mixed-line-endings.csv'));
    expect(analysis.sampleRows).toEqual([['Ada', 'Lovelace'], ['Alan', 'Turing'], ['Grace', 'Hopper']]);
  });

  it('Latin-1 (Windows-1252) and UTF-16 text is decoded', async () => {
    const latin = await analyze(join(corpus, 'latin1.csv'));
    expect(latin.read).toMatchObject({ encoding: 'windows-1252' });
    expect(latin.sampleRows[0]).toEqual(['José', 'Müller', 'Zürich']);
    const utf16 = await analyze(join(corpus, 'utf16-bom.csv'));
    expect(utf16.read).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(utf16.sampleRows[0]).toEqual(['Zoë', 'Åberg']);
  });

  it('duplicate header names are pointed out, and each column can be mapped on its own', async () => {
    const { analysis, entries } = await plan(join(corpus, 'duplicate-headers.csv'));
    expect(analysis.warnings.join(' ')).toMatch(/Columns 2 and 3 are both called "Email"/);
    expect(suggestColumnMapping(analysis.headers, analysis.sampleRows)).toEqual(['fullName', 'email', 'workEmail']);
    expect(entries[0]!.outcome).toBe('created');
  });

  it('invalid phones, emails and dates fail their row with the reason', async () => {
    const { entries } = await plan(join(corpus, 'invalid-phones-emails.csv'));
    expect(entries.map((e) => e.outcome)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(entries[0]!.reason).toMatch(/"ada@example" is not an email address/);
    expect(entries[1]!.reason).toMatch(/"12" is not a possible phone number/);
    expect(entries[2]!.reason).toMatch(/turned into a number by Excel/);
    expect(entries[3]!.reason).toMatch(/Date of birth "31\/31\/1990" is not a real date/);
    expect(entries.every((e) => e.values && e.values.length === 5)).toBe(true); // the error report has the original values
  });

  it('formulas in name cells fail the row instead of being stored', async () => {
    const { entries } = await plan(join(corpus, 'formula-cells.csv'));
    expect(entries.map((e) => e.outcome)).toEqual(['failed', 'failed']);
    expect(entries[0]!.reason).toMatch(/holds a spreadsheet formula/);
  });

  it('a 10 MB cell fails its row without stopping the file', async () => {
    const path = join(tmpdir(), 'casebook-big-cell.csv');
    writeFileSync(path, `First Name,Last Name,Notes\nAda,Lovelace,short\nBig,Cell,"${'x'.repeat(10 * 1024 * 1024)}"\nAlan,Turing,short\n`);
    const analysis = await analyze(path);
    const rows: FileRow[] = [];
    for await (const item of readImportRows(createReadStream(path), analysis.read)) if (!('header' in item)) rows.push(item);
    expect(rows.map((r) => r.values[0])).toEqual(['Ada', 'Big', 'Alan']);
    const o = { importId: 'x', mapping: ['firstName', 'lastName', 'street'] as never, policy: 'create' as const, region: 'US', monthFirst: true, index: new ImportMatchIndex(defaultMatcher(), { defaultRegion: 'US' }), newId: (r: number) => `new:${r}`, toMatchInput: (r: object) => contactMatchInput(r as never) };
    const entries = decideBatch(matchBatchRows(prepareBatchRows(rows, o), o), new Map(), o).entries;
    expect(entries.map((e) => e.outcome)).toEqual(['created', 'failed', 'created']);
    expect(entries[1]!.reason).toMatch(/Street is 10,485,760 characters long/);
  });

  it('a workbook with several sheets lists them and reads the chosen one: full names, numbers as phones, dates', async () => {
    const first = await analyze(join(corpus, 'several-sheets.xlsx'));
    expect(first.sheets).toEqual(['Notes', 'Clients']);
    const { analysis, entries } = await plan(join(corpus, 'several-sheets.xlsx'), { sheet: 1 });
    expect(analysis.headers).toEqual(['Full name', 'Phone', 'Birthday']);
    expect(analysis.sampleRows).toEqual([['Dr. Ada Lovelace', '(415) 555-0134', '1985-12-10'], ['Turing, Alan', '4155550199', '1982-06-23']]);
    expect(entries.map((e) => [e.outcome, e.name])).toEqual([['created', 'Ada Lovelace'], ['created', 'Alan Turing']]);
  });

  it('formula cells give their computed value, and Excel serial dates are read', async () => {
    const { analysis, entries } = await plan(join(corpus, 'formulas-and-dates.xlsx'));
    expect(analysis.sampleRows[0]).toEqual(['Ada', 'LOVELACE', '4155550134', '1985-12-10', '31391']);
    expect(entries.map((e) => e.outcome)).toEqual(['created', 'created']);
  });
});
