/**
 * npm run --silent dedupe -- INPUT.csv [--region US] > clusters.csv
 *
 * Finds the rows of a CSV that are one person, with the same engine and
 * default thresholds as the dashboard, and no database or Temporal. Prints
 * `id,cluster_id`, one line per input row in input order; a row with no
 * duplicate is a cluster of its own. See README "Finding duplicates in a file".
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { dedupeRecords } from '../domain/duplicates/dedupe-rows';
import { defaultMatcher } from '../activities/duplicates/default-matcher';
import { config } from '../config/config';
import { DedupeInputError, readDedupeCsv } from './dedupe/read-dedupe-csv';

const USAGE = 'usage: npm run --silent dedupe -- INPUT.csv [--region CC] [--email-rules gmail|exact] > clusters.csv';

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { region: { type: 'string' }, 'email-rules': { type: 'string', default: 'gmail' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const region = (values.region ?? config.DEFAULT_PHONE_REGION).toUpperCase();
  if (!/^[A-Z]{2}$/.test(region)) {
    console.error(`--region takes a two-letter country code such as US or GB, not "${values.region}"`);
    return 2;
  }
  if (values['email-rules'] !== 'gmail' && values['email-rules'] !== 'exact') {
    console.error('--email-rules takes gmail (dots and +tags of Gmail addresses ignored, the default) or exact');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(positionals[0]!, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${positionals[0]}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    return 2;
  }
  try {
    const inputs = readDedupeCsv(text);
    const clusters = dedupeRecords(inputs, defaultMatcher(), { defaultRegion: region, emailRules: { gmailDotsAndPlus: values['email-rules'] === 'gmail' } });
    process.stdout.write(stringify([['id', 'cluster_id'], ...inputs.map((r, i) => [r.id, clusters[i]!])]));
    return 0;
  } catch (err) {
    if (err instanceof DedupeInputError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

process.exitCode = main();
