import { createHash } from 'node:crypto';
import { applyImportWrites, toStoredWrites, type StoredWrites } from '../../db/imports/apply-import-writes';
import { readContactsForImport } from '../../db/imports/contacts-for-import';
import { loadImportJob } from '../../db/imports/import-jobs';
import { countEntries, ledgerEntries, loadLedgerBatch, loadPlannedWrites, savePlannedBatch, setLedgerBatchState } from '../../db/imports/import-ledger';
import { recordPassProgress } from '../../db/imports/import-pass-status';
import type { ImportCounts, ImportExample } from '../../db/models/index';
import type { EmailRules } from '../../domain/contacts/normalize-email';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import type { MatchInput, PreparedRecord } from '../../domain/duplicates/match-record';
import { prepareRecord, type PrepareOptions } from '../../domain/duplicates/prepare-record';
import { ImportMatchIndex } from '../../domain/imports/import-match-index';
import type { ImportPassMode } from '../../domain/imports/import-pass';
import { decideBatch, matchBatchRows, prepareBatchRows, type LedgerEntry, type NewContact, type PlanOptions, type SourceRow } from '../../domain/imports/plan-import-batch';
import type { Storage } from '../../storage/storage';
import { collectGarbageAbove, IMPORT_HEAP_CEILING } from '../collect-garbage';
import { defaultMatcher } from '../duplicates/default-matcher';
import { importMatchState, type ImportMatchState, type KnownContact } from './import-match-state';
import { openSegmentRows, parkSegmentRows } from './segment-rows';
import { SimulatedContactStore } from './simulated-contact-store';

export const BATCH_ROWS = 1000;
const EXAMPLES_PER_OUTCOME = 5;
// A dry run's pretend contacts get ids no real ObjectId has (its time part is in 2106), with the row in them.
const SIMULATED_PREFIX = 'ffffffff';

export type { ImportPassMode };
export type SegmentInput = {
  importId: string;
  mode: ImportPassMode;
  /** Data rows (after the header) already done by earlier segments: a multiple of BATCH_ROWS. */
  fromItem: number;
  countsBefore: ImportCounts;
  examplesBefore?: ImportExample[];
  maxRows: number;
  maxMillis: number;
};
export type SegmentResult = { nextItem: number; done: boolean; counts: ImportCounts; examples: ImportExample[]; bytesRead: number };
export type SegmentDeps = {
  storage: Storage;
  region: string;
  emailRules: EmailRules;
  actorId: string;
  /** Discard any cached match state (a retry after a failure). */
  fresh: boolean;
  /** Where this worker keeps the import match index between passes; none: rebuilt every pass. */
  matchIndexDir?: string;
  now: () => Date;
  /** Called after every batch; throws to stop (cancellation). */
  checkpoint: (nextItem: number, note: string) => void;
};

type BatchContext = { plan: PlanOptions; state: ImportMatchState; prepare: PrepareOptions; mode: ImportPassMode; importId: string; deps: SegmentDeps };

/**
 * Runs part of an import pass: streams the stored file from the start,
 * skips the rows earlier segments did, and handles up to `maxRows` rows in
 * batches. In a real run each batch is planned (decided and written to the
 * ledger with its exact writes) and then applied, so a batch found planned
 * after a crash is replayed, never decided twice. A dry run decides the
 * same way and writes nothing but its counts and examples.
 */
export async function runImportSegment(input: SegmentInput, deps: SegmentDeps): Promise<SegmentResult> {
  const job = await loadImportJob(input.importId);
  if (!job) throw new Error(`No import ${input.importId}`);
  const started = Date.now();
  const counts = { ...input.countsBefore };
  const examples = [...(input.examplesBefore ?? [])];
  const prepare: PrepareOptions = { defaultRegion: deps.region, emailRules: deps.emailRules };
  const state = await importMatchState({
    key: `${input.importId}:${input.mode}`,
    fresh: deps.fresh || input.fromItem === 0,
    prepare,
    ownSource: `import:${input.importId}`,
    snapshotDir: deps.matchIndexDir,
    onProgress: async (read) => deps.checkpoint(input.fromItem, `reading contacts for matching: ${read}`),
  });
  const plan: PlanOptions = {
    importId: input.importId,
    mapping: job.mapping,
    policy: job.policy,
    region: deps.region,
    monthFirst: job.dateOrder !== 'dmy',
    index: new ImportMatchIndex(defaultMatcher(), prepare), // replaced per batch
    newId: input.mode === 'run' ? (row) => contactIdFor(input.importId, row) : (row) => SIMULATED_PREFIX + row.toString(16).padStart(16, '0'),
    toMatchInput: contactMatchInput,
    simulatedRowOf: input.mode === 'dry' ? (id) => (id.startsWith(SIMULATED_PREFIX) ? parseInt(id.slice(SIMULATED_PREFIX.length), 16) : undefined) : undefined,
  };
  const ctx: BatchContext = { plan, state, prepare, mode: input.mode, importId: input.importId, deps };

  const readerKey = `${input.importId}:${input.mode}`;
  const rows = await openSegmentRows({ key: readerKey, fromItem: input.fromItem, fresh: deps.fresh, open: async () => (await deps.storage.get(job.fileKey)).stream, read: job.read });
  let batch: SourceRow[] = [];
  let done = true;
  // One batch is applied while the next is planned: planning is this
  // process's CPU, applying is the database's, and they run side by side.
  const pipeline = new ApplyPipeline();
  const flush = async () => {
    const item = rows.item;
    const batchNo = (item - batch.length) / BATCH_ROWS;
    const entries = input.mode === 'run' ? await runBatch(batchNo, batch, ctx, rows.bytes(), pipeline) : (await planBatch(batch, ctx)).entries;
    const batchCounts = countEntries(entries);
    for (const k of Object.keys(counts) as (keyof ImportCounts)[]) counts[k] += batchCounts[k];
    for (const e of entries) {
      if (examples.filter((x) => x.outcome === e.outcome).length < EXAMPLES_PER_OUTCOME) examples.push({ row: e.row, outcome: e.outcome, contactId: e.contactId, reason: e.reason, name: e.name });
    }
    batch = [];
    collectGarbageAbove(IMPORT_HEAP_CEILING);
    await recordPassProgress({ importId: input.importId, mode: input.mode, rowsDone: item, counts, bytesRead: rows.bytes(), now: deps.now() });
    deps.checkpoint(item, `${item} rows`);
  };
  let parkRows = false;
  try {
    for (let row = await rows.next(); row; row = await rows.next()) {
      batch.push(row);
      if (batch.length < BATCH_ROWS) continue;
      await flush();
      if (rows.item - input.fromItem >= input.maxRows || Date.now() - started > input.maxMillis) {
        done = false;
        break;
      }
    }
    if (batch.length) await flush();
    parkRows = !done;
  } finally {
    // Whatever stops the segment (the end, a bad file, a cancel), the batch being applied finishes first.
    await pipeline.drain();
    if (parkRows) parkSegmentRows(readerKey, rows);
    else rows.close();
  }
  return { nextItem: rows.item, done, counts, examples, bytesRead: rows.bytes() };
}

/** The id of the contact a row creates: derived from the import and row, so a replayed plan and a retried insert agree. */
export function contactIdFor(importId: string, row: number): string {
  return createHash('sha256').update(`${importId}:${row}`).digest('hex').slice(0, 24);
}

/**
 * Decides a batch. The compact index proposes candidates for every row; the
 * candidates' records come from the previous batch (which may still be
 * being written), the dry run's pretend contacts, or the database; a small
 * exact index of them (and of this batch's rows, as they become contacts)
 * then finds each row's duplicate. Afterwards what the batch created and
 * changed is filed in the compact index for the batches after it.
 */
async function planBatch(rows: SourceRow[], ctx: BatchContext) {
  const { state } = ctx;
  const mini = new ImportMatchIndex(defaultMatcher(), ctx.prepare);
  const plan = { ...ctx.plan, index: mini };
  const prepared = prepareBatchRows(rows, plan);
  const ids = new Set<string>();
  if (plan.policy !== 'create') for (const r of prepared) if (r.kind === 'valid') for (const id of state.index.candidateIds(r.prepared)) ids.add(id);
  const existing = new Map<string, KnownContact>();
  const toFetch: string[] = [];
  for (const id of ids) {
    const known = state.recent.get(id) ?? state.simulatedChanges.get(id);
    const simulated = state.simulated && plan.simulatedRowOf && state.simulated.get(plan.simulatedRowOf(id) ?? -1);
    if (known) existing.set(id, known);
    else if (simulated) mini.add(prepareRecord(JSON.parse(simulated) as MatchInput, ctx.prepare));
    else toFetch.push(id);
  }
  for (const [id, doc] of await readContactsForImport(toFetch)) existing.set(id, doc);
  for (const doc of existing.values()) mini.add(mini.prepareInput(contactMatchInput(doc)));

  const decided = decideBatch(matchBatchRows(prepared, plan), existing, plan);
  const now = ctx.deps.now();
  const changed = new Map<string, KnownContact>();
  for (const u of decided.writes.updates) {
    const before = existing.get(u.id)!;
    // Undo puts the contact's last-changed time back too, so an undone import leaves no trace on it.
    u.before.updatedAt = before.updatedAt ?? null;
    u.set.updatedAt = now;
    changed.set(u.id, { ...before, ...u.set });
  }
  // A new contact that is its row as read (no later row of the batch combined into it) was prepared for matching already.
  const rowsById = new Map<string, Extract<(typeof prepared)[number], { kind: 'valid' }>>();
  for (const r of prepared) if (r.kind === 'valid') rowsById.set(r.id, r);
  const preparedAlready = (c: NewContact | StoredWrites['inserts'][number]) => {
    const r = rowsById.get(String(c._id));
    return r && sameFields(c, r.record) ? r.prepared : undefined;
  };
  fileBatchResult(state, decided.writes.inserts, changed, ctx, now, preparedAlready);
  return { entries: decided.entries, writes: decided.writes, now };
}

/** Files what a batch created and changed, and keeps it as the "recent" records the next batch may need before they are written. */
function fileBatchResult(state: ImportMatchState, inserts: (NewContact | StoredWrites['inserts'][number])[], changed: Map<string, KnownContact>, ctx: BatchContext, now: Date, preparedAlready?: (c: NewContact | StoredWrites['inserts'][number]) => PreparedRecord | undefined): void {
  const recent = new Map<string, KnownContact>(changed);
  for (const c of inserts) {
    const id = String(c._id);
    const already = preparedAlready?.(c);
    const input = () => contactMatchInput({ ...c, _id: id });
    state.index.add(already ?? prepareRecord(input(), ctx.prepare));
    // As the database will hold it (its last-changed time is the batch's), so a later batch's before-image is the same either way.
    recent.set(id, { ...c, _id: id, updatedAt: now });
    if (ctx.mode === 'dry') (state.simulated ??= new SimulatedContactStore()).set(ctx.plan.simulatedRowOf!(id)!, JSON.stringify(input()));
  }
  for (const [id, doc] of changed) {
    state.index.add(prepareRecord(contactMatchInput(doc), ctx.prepare));
    if (ctx.mode === 'dry') state.simulatedChanges.set(id, doc);
  }
  state.recent = recent;
}

/** Whether a new contact has exactly its row's fields (each the same value), apart from its id. */
function sameFields(contact: object, record: object): boolean {
  const fields = record as Record<string, unknown>;
  let n = 0;
  for (const [key, value] of Object.entries(contact)) {
    if (key === '_id') continue;
    if (fields[key] !== value) return false;
    n++;
  }
  return n === Object.keys(fields).length;
}

/**
 * Applies planned batches one after another in the background, so batch
 * N+1 is planned while batch N is written. A failed apply surfaces at the
 * next batch or when the segment ends.
 */
class ApplyPipeline {
  private running: Promise<void> = Promise.resolve();

  async start(apply: () => Promise<void>): Promise<void> {
    await this.running;
    const run = apply();
    this.running = run;
    run.catch(() => undefined); // awaited by the next start() or drain()
  }

  async drain(): Promise<void> {
    await this.running;
  }
}

async function runBatch(batchNo: number, rows: SourceRow[], ctx: BatchContext, bytesRead: number, pipeline: ApplyPipeline): Promise<LedgerEntry[]> {
  const { importId } = ctx;
  const ledger = await loadLedgerBatch(importId, batchNo);
  if (ledger?.state === 'applied' || ledger?.state === 'undone') return ledgerEntries(ledger);
  if (ledger) {
    // Planned by an attempt that died before applying it: replay its writes exactly, then file what they
    // created and changed, which the freshly read index lacks.
    await pipeline.drain();
    const writes = await loadPlannedWrites(importId, batchNo);
    const now = ctx.deps.now();
    await applyImportWrites(writes, { importId, now });
    await setLedgerBatchState(importId, batchNo, 'applied');
    fileBatchResult(ctx.state, writes.inserts, await readContactsForImport(writes.updates.map((u) => u.id)), ctx, writes.inserts[0]?.updatedAt ?? now);
    return ledgerEntries(ledger);
  }
  const planned = await planBatch(rows, ctx);
  const writes = toStoredWrites(planned.writes, { actorId: ctx.deps.actorId, now: planned.now });
  const saved = await savePlannedBatch({ importId, batch: batchNo, entries: JSON.stringify(planned.entries), counts: countEntries(planned.entries), bytesRead }, writes);
  // Another attempt planned this batch first (a retry racing a slow original): its plan wins.
  const final = saved.planned ? writes : await loadPlannedWrites(importId, batchNo);
  await pipeline.start(async () => {
    await applyImportWrites(final, { importId, now: planned.now });
    await setLedgerBatchState(importId, batchNo, 'applied');
  });
  return ledgerEntries(saved.doc);
}
