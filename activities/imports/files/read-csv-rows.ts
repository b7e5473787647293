import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { InvalidImportFile, type FileRow } from '../../../domain/imports/import-file';

// A record this large is not a contact: usually a quote that is never closed
// swallowing the rest of the file. Stops it before it fills the memory.
const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/**
 * Streams the rows of a CSV file: decodes the bytes, accepts \n, \r\n and \r
 * line ends in one file, quoted newlines, stray quotes inside fields and rows
 * with more or fewer cells than the header. The first record is the header.
 * A record that cannot be parsed becomes a row with an error (it goes to the
 * error report); a file that cannot be parsed on throws InvalidImportFile.
 */
export async function* readCsvRows(input: Readable, o: { encoding: string; delimiter: string }): AsyncGenerator<FileRow | { header: string[] }> {
  const parser = parse({
    delimiter: o.delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
  });
  // Records that could not be parsed, in order; each knows how many good records came before it. The
  // parser reports them as they happen, which may be before the records ahead of them are taken.
  const problems: CsvError[] = [];
  parser.on('skip', (error: CsvError) => problems.push(error));
  const decoded = input.pipe(iconv.decodeStream(o.encoding, { stripBOM: true }));
  decoded.on('error', (err) => parser.destroy(err));
  input.on('error', (err) => parser.destroy(err));
  decoded.pipe(parser);

  let rows = 0;
  /** The problems that came before the `goodRecord`-th good record (all of them when undefined). */
  const takeProblems = function* (goodRecord?: number): Generator<FileRow> {
    while (problems.length && (goodRecord === undefined || Number(problems[0]!.records ?? 0) < goodRecord)) {
      const error = problems.shift()!;
      rows++;
      if (error.code === 'CSV_MAX_RECORD_SIZE') throw new InvalidImportFile(`Row ${rows} is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB; the file probably has a quote (") that is never closed before that row.`);
      const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'A quote (") opened in this row is never closed, so the rest of the file could not be read' : `This row could not be read (${error.message.split(':')[0]})`;
      yield { row: rows, values: [], error: reason };
    }
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      yield* takeProblems(info.records);
      rows++;
      if (rows === 1) yield { header: record.map((h) => h.trim()) };
      else yield { row: rows, values: record };
    }
    yield* takeProblems();
  } finally {
    input.destroy();
  }
}
