import { parse } from 'csv-parse/sync';
import type { MatchInput } from '../../domain/duplicates/match-record';
import { rowToMatchInput } from '../../domain/duplicates/dedupe-rows';

export class DedupeInputError extends Error {}

/**
 * Reads the dedupe CSV: a header row with an `id` column, any of the
 * recognized columns, others ignored. Header names are matched without case
 * or surrounding spaces; any line ending (or a mix) is accepted.
 */
export function readDedupeCsv(text: string): MatchInput[] {
  if (!text.trim()) throw new DedupeInputError('The file is empty: expected a header row with an "id" column.');
  let rows: Record<string, string>[];
  let header: string[] = [];
  try {
    rows = parse(text, {
      bom: true,
      columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as Record<string, string>[];
  } catch (err) {
    throw new DedupeInputError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  if (!header.includes('id')) throw new DedupeInputError(`The header has no "id" column (found: ${header.join(', ')}).`);
  return rows.map((row, i) => {
    const input = rowToMatchInput(row);
    if (!input.id) throw new DedupeInputError(`Row ${i + 2} has an empty id.`);
    return input;
  });
}
