import type { MatchInput } from './match-record';
import { prepareRecord, type PrepareOptions } from './prepare-record';
import type { ScoringContext } from './score-pair';
import { runSweep } from './sweep/run-sweep';

/** The columns the dedupe CSV understands, and the MatchInput field each fills. */
export const DEDUPE_COLUMNS = ['id', 'first_name', 'middle_name', 'last_name', 'full_name', 'dob', 'phone', 'email', 'street', 'city', 'postcode', 'state', 'country'] as const;

/** A CSV row (header -> value) as a MatchInput; several phones or emails are separated by ";". */
export function rowToMatchInput(row: Record<string, string | undefined>): MatchInput {
  const list = (v: string | undefined) => (v ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  return {
    id: (row.id ?? '').trim(),
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    fullName: row.full_name,
    dateOfBirth: row.dob,
    phones: list(row.phone),
    emails: list(row.email),
    street: row.street,
    city: row.city,
    postcode: row.postcode,
    state: row.state,
    country: row.country,
  };
}

/** Clusters records that are one person: returns a cluster id (an input id) per input, in input order. */
export function dedupeRecords(inputs: MatchInput[], ctx: ScoringContext, prepare: PrepareOptions): string[] {
  const records = inputs.map((input) => prepareRecord(input, prepare));
  // The same blocking, scoring and chaining-guarded clustering as the database sweep.
  return runSweep(records, ctx).clusterOf.map((root) => inputs[root]!.id);
}
