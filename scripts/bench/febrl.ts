import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { devTools } from '../../config/dev-tools';

// The shared data sets live beside the repository (../shared) unless CASEBOOK_SHARED_DIR says otherwise.
const sharedDir = devTools.CASEBOOK_SHARED_DIR ?? fileURLToPath(new URL('../../../shared', import.meta.url));
export const SHARED_FEBRL_SETS = ['febrl_dataset1.csv', 'febrl_dataset2.csv'].map((f) => join(sharedDir, 'datasets', 'febrl', f));

export type FebrlRow = { row: Record<string, string>; entity: string };

/**
 * A FEBRL file in the dedupe CLI's CSV format (without soc_sec_id), and the
 * truth: "rec-12-org" and "rec-12-dup-0" are one person, "12". address_2
 * (a building or locality) goes into street after the street proper.
 */
export function readFebrl(path: string): FebrlRow[] {
  if (!existsSync(path)) throw new Error(`FEBRL file ${path} not found; set CASEBOOK_SHARED_DIR to the folder that holds datasets/febrl/`);
  const records = parse(readFileSync(path, 'utf8'), { columns: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r) => ({
    entity: r.rec_id!.split('-')[1]!,
    row: {
      id: r.rec_id!,
      first_name: r.given_name ?? '',
      last_name: r.surname ?? '',
      street: [[r.street_number, r.address_1].filter(Boolean).join(' '), r.address_2].filter(Boolean).join(', '),
      city: r.suburb ?? '',
      postcode: r.postcode ?? '',
      state: r.state ?? '',
      dob: r.date_of_birth ?? '',
    },
  }));
}
