import { buildContactRecord } from '../contacts/build-contact-record';
import { displayName, type NameParts } from '../contacts/contact-search-keys';
import type { MatchInput, PreparedRecord } from '../duplicates/match-record';
import { combineImportRow, type ImportableContact, type ImportPolicy } from './combine-import-row';
import type { ImportMatch, ImportMatchIndex } from './import-match-index';
import type { ColumnMapping } from './import-fields';
import { rowToContactInput } from './row-to-contact-input';

export type ImportOutcome = 'created' | 'updated' | 'merged' | 'skipped' | 'failed';
export type SourceRow = { row: number; values: string[]; error?: string };

/** What happened to one row of the file: the import's ledger. `values` are kept for failed rows (the error report). */
export type LedgerEntry = { row: number; outcome: ImportOutcome; contactId?: string; name?: string; reason?: string; values?: string[] };

type Record_ = ReturnType<typeof buildContactRecord>['record'];
export type NewContact = Record_ & { _id: string };
/** The writes of one batch: contacts to insert, and per existing contact the fields to set with their values before. */
export type PlannedWrites = { inserts: NewContact[]; updates: { id: string; set: Record<string, unknown>; before: Record<string, unknown> }[] };

export type MatchedRow =
  | { row: number; kind: 'failed'; reason: string; values: string[] }
  | { row: number; kind: 'empty' }
  | { row: number; kind: 'new'; record: Record_; id: string }
  | { row: number; kind: 'duplicate'; record: Record_; timezoneFromFile: boolean; match: ImportMatch };

export type PlanOptions = {
  importId: string;
  mapping: ColumnMapping;
  policy: ImportPolicy;
  region: string;
  monthFirst: boolean;
  index: ImportMatchIndex;
  /** The id a new contact from this row gets. */
  newId: (row: number) => string;
  toMatchInput: (record: Record_ & { _id: string }) => MatchInput;
  /** Dry run only: the file row a simulated new contact came from (it exists in no database). */
  simulatedRowOf?: (id: string) => number | undefined;
};

export type PreparedRow =
  | { row: number; kind: 'failed'; reason: string; values: string[] }
  | { row: number; kind: 'empty' }
  /** timezoneFromFile: the row gave its timezone; otherwise record.timezone may be one guessed from its address. */
  | { row: number; kind: 'valid'; record: Record_; timezoneFromFile: boolean; prepared: PreparedRecord; id: string };

/** Converts and validates each row, and prepares it for matching under the id it would get as a new contact. */
export function prepareBatchRows(rows: SourceRow[], o: PlanOptions): PreparedRow[] {
  return rows.map((r): PreparedRow => {
    if (r.error) return { row: r.row, kind: 'failed', reason: r.error, values: r.values };
    if (r.values.every((v) => !v.trim())) return { row: r.row, kind: 'empty' };
    const converted = rowToContactInput(r.values, o.mapping, { monthFirst: o.monthFirst });
    if (!converted.ok) return { row: r.row, kind: 'failed', reason: converted.reason, values: r.values };
    const { record, errors } = buildContactRecord(converted.input, o.region);
    if (errors.length) return { row: r.row, kind: 'failed', reason: errors.map((e) => fieldName(e.field) + e.message).join('; '), values: r.values };
    const id = o.newId(r.row);
    return { row: r.row, kind: 'valid', record, timezoneFromFile: Boolean(converted.input.timezone), id, prepared: o.index.prepareInput(o.toMatchInput({ ...record, _id: id })) };
  });
}

/**
 * First half of planning a batch: finds each row's duplicate among the
 * records in the index (existing contacts, or the candidates fetched for
 * this batch) and the rows before it. A row that will become a new contact
 * is filed in the index at once, so a later row of the same file matches it.
 */
export function matchBatchRows(prepared: PreparedRow[], o: PlanOptions): MatchedRow[] {
  return prepared.map((r): MatchedRow => {
    if (r.kind !== 'valid') return r;
    const match = o.policy === 'create' ? undefined : o.index.bestMatch(r.prepared);
    if (match) return { row: r.row, kind: 'duplicate', record: r.record, timezoneFromFile: r.timezoneFromFile, match };
    o.index.add(r.prepared);
    return { row: r.row, kind: 'new', record: r.record, id: r.id };
  });
}

/**
 * Second half: applies the policy in row order, given the existing contacts
 * the duplicates point at. Several rows may land on one contact; each sees
 * the previous one's result, and the contact's "before" is what it was
 * before the batch. Rows that match a contact created earlier in the same
 * file combine into it (undo removes it whole).
 */
export function decideBatch(rows: MatchedRow[], existing: Map<string, ImportableContact & { _id: unknown }>, o: PlanOptions): { entries: LedgerEntry[]; writes: PlannedWrites; touched: string[] } {
  const entries: LedgerEntry[] = [];
  const created = new Map<string, NewContact>();
  const updated = new Map<string, { doc: ImportableContact; before: Record<string, unknown> }>();
  for (const r of rows) {
    if (r.kind === 'failed') {
      entries.push({ row: r.row, outcome: 'failed', reason: r.reason, values: r.values });
      continue;
    }
    if (r.kind === 'empty') {
      entries.push({ row: r.row, outcome: 'skipped', reason: 'Empty row' });
      continue;
    }
    if (r.kind === 'new') {
      created.set(r.id, { ...r.record, _id: r.id });
      entries.push({ row: r.row, outcome: 'created', contactId: r.id, name: displayName(r.record) });
      continue;
    }
    const targetId = r.match.id;
    const why = matchReason(r.match);
    if (o.policy === 'skip') {
      entries.push({ row: r.row, outcome: 'skipped', contactId: targetId, name: displayName(r.record), reason: `Duplicate (${why})` });
      continue;
    }
    const policy = o.policy === 'update' ? 'update' : 'merge';
    const fresh = created.get(targetId);
    const target = fresh ?? updated.get(targetId)?.doc ?? existing.get(targetId);
    const simulatedRow = target ? undefined : o.simulatedRowOf?.(targetId);
    if (simulatedRow !== undefined) {
      entries.push({ row: r.row, outcome: policy === 'update' ? 'updated' : 'merged', name: displayName(r.record), reason: `Duplicate of row ${simulatedRow} of this file (${why})` });
      continue;
    }
    if (!target) {
      // The contact went away (deleted or merged) after the match index was read: keep the row as a new contact.
      const id = o.newId(r.row);
      created.set(id, { ...r.record, _id: id });
      entries.push({ row: r.row, outcome: 'created', contactId: id, name: displayName(r.record), reason: 'Its duplicate no longer exists' });
      continue;
    }
    // A timezone the file did not give (one guessed from the row's address) is no value of the file's: it never replaces or contests the saved one.
    const incoming = r.timezoneFromFile ? r.record : { ...r.record, timezone: undefined };
    const change = combineImportRow(target, incoming, { policy, importId: o.importId, row: r.row });
    if (!change.changedFields.length) {
      entries.push({ row: r.row, outcome: 'skipped', contactId: targetId, name: displayName(target as NameParts), reason: `Duplicate with nothing new (${why})` });
      continue;
    }
    const next = { ...target, ...change.set } as ImportableContact;
    if (fresh) created.set(targetId, next as NewContact);
    else {
      const before = updated.get(targetId)?.before ?? {};
      for (const [f, v] of Object.entries(change.before)) if (!(f in before)) before[f] = v;
      updated.set(targetId, { doc: next, before });
    }
    const conflicts = change.conflicts.length ? `; ${change.conflicts.length} differing value${change.conflicts.length > 1 ? 's' : ''} kept on the contact as conflicts` : '';
    const fields = change.changedFields.filter((f) => f !== 'importConflicts').map((f) => FIELD_WORDS[f] ?? f);
    const what = fields.length ? `${policy === 'update' ? 'updated' : 'added'} ${fields.join(', ')}` : 'nothing written';
    entries.push({ row: r.row, outcome: policy === 'update' ? 'updated' : 'merged', contactId: targetId, name: displayName(next as NameParts), reason: `${what[0]!.toUpperCase()}${what.slice(1)}${conflicts} (${why})` });
  }
  for (const [id, c] of [...created, ...[...updated].map(([id, u]) => [id, u.doc] as const)]) {
    o.index.add(o.index.prepareInput(o.toMatchInput({ ...(c as Record_), _id: id })));
  }
  const writes: PlannedWrites = {
    inserts: [...created.values()],
    updates: [...updated].map(([id, u]) => ({ id, before: u.before, set: Object.fromEntries(Object.keys(u.before).map((f) => [f, (u.doc as Record<string, unknown>)[f] ?? null])) })),
  };
  return { entries, writes, touched: [...created.keys(), ...updated.keys()] };
}

const FIELD_WORDS: Record<string, string> = {
  firstName: 'first name', middleName: 'middle name', lastName: 'last name', preferredName: 'preferred name', dateOfBirth: 'date of birth',
  timezone: 'timezone', address: 'address', phones: 'phone', emails: 'email', tags: 'tags',
};

function matchReason(m: ImportMatch): string {
  const top = m.score.reasons.filter((r) => r.weight > 0).slice(0, 3).map((r) => r.text);
  return `score ${m.score.score.toFixed(3)}: ${top.join(', ')}`;
}

function fieldName(field: string): string {
  if (field.startsWith('phones.')) return 'Phone: ';
  if (field.startsWith('emails.')) return 'Email: ';
  return '';
}
