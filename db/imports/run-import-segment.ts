import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { Types } from 'mongoose';
import type { ImportMatchIndex } from '../../domain/import/import-match-index';
import { decideBatch, matchBatchRows, type LedgerEntry, type PlanOptions, type SourceRow } from '../../domain/import/plan-import-batch';
import type { EmailRules } from '../../domain/normalize-email';
import { readImportRows } from '../../lib/import-files/analyze-import-file';
import type { Storage } from '../../lib/storage/storage';
import { contactMatchInput } from '../duplicates/contact-match-input';
import { ImportJob, zeroCounts, type ImportCounts, type ImportExample, type ImportJobDoc } from '../models/index';
import { Contact } from '../models/index';
import { applyImportWrites, toStoredWrites } from './apply-import-writes';
import { IMPORT_PROJECTION } from './import-contact-fields';
import { countEntries, loadLedgerBatch, loadPlannedWrites, savePlannedBatch, setLedgerBatchState } from './import-ledger';
import { importMatchIndex } from './import-match-state';

export const BATCH_ROWS = 1000;
const FETCH_CONCURRENCY = 16;
const EXAMPLES_PER_OUTCOME = 5;

export type ImportPassMode = 'dry' | 'run';
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
  /** Discard any cached match index (a retry after a failure). */
  fresh: boolean;
  now: () => Date;
  /** Called after every batch; throws to stop (cancellation). */
  checkpoint: (nextItem: number, note: string) => void;
};

/**
 * Runs part of an import pass: streams the stored file from the start,
 * skips the rows earlier segments did, and handles up to `maxRows` rows in
 * batches. In a real run each batch is planned (decided and written to the
 * ledger with its exact writes) and then applied, so a batch found planned
 * after a crash is replayed, never decided twice. A dry run decides the
 * same way and writes nothing but its counts and examples.
 */
export async function runImportSegment(input: SegmentInput, deps: SegmentDeps): Promise<SegmentResult> {
  const job = (await ImportJob.collection.findOne({ _id: input.importId } as never)) as ImportJobDoc | null;
  if (!job) throw new Error(`No import ${input.importId}`);
  const started = Date.now();
  const counts = { ...input.countsBefore };
  const examples = [...(input.examplesBefore ?? [])];
  const key = `${input.importId}:${input.mode}`;
  const index = await importMatchIndex({
    key,
    fresh: deps.fresh || input.fromItem === 0,
    prepare: { defaultRegion: deps.region, emailRules: deps.emailRules },
    ownSource: `import:${input.importId}`,
    onProgress: async (read) => deps.checkpoint(input.fromItem, `reading contacts for matching: ${read}`),
  });
  const plan: PlanOptions = {
    importId: input.importId,
    mapping: job.mapping,
    policy: job.policy,
    region: deps.region,
    monthFirst: (job as ImportJobDoc & { dateOrder?: string }).dateOrder !== 'dmy',
    index,
    newId: input.mode === 'run' ? (row) => contactIdFor(input.importId, row) : (row) => `new:${row}`,
    toMatchInput: (r) => contactMatchInput(r as never),
    simulatedRowOf: input.mode === 'dry' ? (id) => (id.startsWith('new:') ? Number(id.slice(4)) : undefined) : undefined,
  };

  const { stream, bytes } = countBytes((await deps.storage.get(job.fileKey)).stream);
  let item = 0;
  let batch: SourceRow[] = [];
  let done = true;
  // One batch is applied while the next is planned: planning is this
  // process's CPU, applying is the database's, and they run side by side.
  const pipeline = new ApplyPipeline();
  const flush = async () => {
    const batchNo = (item - batch.length) / BATCH_ROWS;
    const entries = input.mode === 'run' ? await runBatch(batchNo, batch, plan, index, input.importId, deps, bytes(), pipeline) : await dryRunBatch(batch, plan);
    const batchCounts = countEntries(entries);
    for (const k of Object.keys(counts) as (keyof ImportCounts)[]) counts[k] += batchCounts[k];
    for (const e of entries) {
      if (examples.filter((x) => x.outcome === e.outcome).length < EXAMPLES_PER_OUTCOME) examples.push({ row: e.row, outcome: e.outcome, contactId: e.contactId, reason: e.reason, name: e.name });
    }
    batch = [];
    await ImportJob.collection.updateOne({ _id: input.importId } as never, { $set: { [`${input.mode === 'run' ? 'run' : 'dryRun'}.rowsDone`]: item, [`${input.mode === 'run' ? 'run' : 'dryRun'}.counts`]: counts, [`${input.mode === 'run' ? 'run' : 'dryRun'}.bytesRead`]: bytes(), [`${input.mode === 'run' ? 'run' : 'dryRun'}.updatedAt`]: deps.now() } });
    deps.checkpoint(item, `${item} rows`);
  };
  try {
    for await (const entry of readImportRows(stream, job.read)) {
      if ('header' in entry) continue;
      item++;
      if (item <= input.fromItem) continue;
      batch.push(entry);
      if (batch.length < BATCH_ROWS) continue;
      await flush();
      if (item - input.fromItem >= input.maxRows || Date.now() - started > input.maxMillis) {
        done = false;
        break;
      }
    }
    if (batch.length) await flush();
  } finally {
    // Whatever stops the segment (the end, a bad file, a cancel), the batch being applied finishes first.
    await pipeline.drain();
  }
  return { nextItem: item, done, counts, examples, bytesRead: bytes() };
}

/** The id of the contact a row creates: derived from the import and row, so a replayed plan and a retried insert agree. */
export function contactIdFor(importId: string, row: number): string {
  return createHash('sha256').update(`${importId}:${row}`).digest('hex').slice(0, 24);
}

// A dry run writes nothing, so the contacts its earlier batches would have
// changed are kept here (per match index, that is per pass and process):
// a later row that lands on the same contact sees the change, as in the run.
const simulatedContacts = new WeakMap<ImportMatchIndex, Map<string, never>>();

async function dryRunBatch(rows: SourceRow[], plan: PlanOptions): Promise<LedgerEntry[]> {
  const simulated = simulatedContacts.get(plan.index) ?? new Map<string, never>();
  simulatedContacts.set(plan.index, simulated);
  const matched = matchBatchRows(rows, plan);
  const ids = matched.flatMap((m) => (m.kind === 'duplicate' && !m.match.id.startsWith('new:') ? [m.match.id] : []));
  const existing = await fetchExisting(ids.filter((id) => !simulated.has(id)));
  for (const id of ids) if (simulated.has(id)) existing.set(id, simulated.get(id)!);
  const decided = decideBatch(matched, existing, plan);
  for (const u of decided.writes.updates) simulated.set(u.id, { ...(existing.get(u.id) as unknown as object), ...u.set } as never);
  return decided.entries;
}

/**
 * Applies planned batches one after another in the background. While batch
 * N is applied, batch N+1 is planned; it reads the contacts batch N changes
 * from `pending` (their values after batch N), not from the database, which
 * may not have them yet. A failed apply surfaces at the next batch.
 */
class ApplyPipeline {
  private running: Promise<void> = Promise.resolve();
  /** Contacts changed by the batch being applied, as they will be. */
  pending = new Map<string, never>();

  async start(apply: () => Promise<void>, changed: Map<string, never>): Promise<void> {
    await this.running;
    this.pending = changed;
    const run = apply();
    this.running = run;
    run.catch(() => undefined); // awaited by the next start() or drain()
  }

  async drain(): Promise<void> {
    await this.running;
    this.pending = new Map<string, never>();
  }
}

async function runBatch(batchNo: number, rows: SourceRow[], plan: PlanOptions, index: ImportMatchIndex, importId: string, deps: SegmentDeps, bytesRead: number, pipeline: ApplyPipeline): Promise<LedgerEntry[]> {
  const now = deps.now();
  const ledger = await loadLedgerBatch(importId, batchNo);
  if (ledger?.state === 'applied' || ledger?.state === 'undone') return JSON.parse(ledger.entries) as LedgerEntry[];
  if (ledger) {
    // Planned by an attempt that died before applying it: replay its writes exactly, then file what they
    // created and changed, which the freshly read index lacks.
    await pipeline.drain();
    const writes = await loadPlannedWrites(importId, batchNo);
    await applyImportWrites(writes, { importId, now });
    await setLedgerBatchState(importId, batchNo, 'applied');
    for (const doc of writes.inserts) index.add(index.prepareInput(contactMatchInput(doc as never)));
    const changed = await fetchExisting(writes.updates.map((u) => u.id));
    for (const doc of changed.values()) index.add(index.prepareInput(contactMatchInput(doc)));
    return JSON.parse(ledger.entries) as LedgerEntry[];
  }
  const matched = matchBatchRows(rows, plan);
  const ids = [...new Set(matched.flatMap((m) => (m.kind === 'duplicate' ? [m.match.id] : [])))];
  const existing = await fetchExisting(ids.filter((id) => !pipeline.pending.has(id)));
  for (const id of ids) if (pipeline.pending.has(id)) existing.set(id, pipeline.pending.get(id)!);
  const decided = decideBatch(matched, existing, plan);
  // Undo puts the contact's last-changed time back too, so an undone import leaves no trace on it.
  const changed = new Map<string, never>();
  for (const u of decided.writes.updates) {
    u.before.updatedAt = (existing.get(u.id) as { updatedAt?: Date } | undefined)?.updatedAt ?? null;
    u.set.updatedAt = now;
    changed.set(u.id, { ...(existing.get(u.id) as unknown as object), ...u.set } as never);
  }
  const writes = toStoredWrites(decided.writes, { actorId: deps.actorId, now });
  const saved = await savePlannedBatch({ importId, batch: batchNo, entries: JSON.stringify(decided.entries), counts: countEntries(decided.entries), bytesRead }, writes);
  // Another attempt planned this batch first (a retry racing a slow original): its plan wins.
  const final = saved.planned ? writes : await loadPlannedWrites(importId, batchNo);
  await pipeline.start(async () => {
    await applyImportWrites(final, { importId, now });
    await setLedgerBatchState(importId, batchNo, 'applied');
  }, changed);
  return JSON.parse(saved.doc.entries) as LedgerEntry[];
}

async function fetchExisting(ids: string[]): Promise<Map<string, never>> {
  const unique = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
  const found = new Map<string, never>();
  for (let i = 0; i < unique.length; i += FETCH_CONCURRENCY) {
    const docs = await Promise.all(unique.slice(i, i + FETCH_CONCURRENCY).map((id) => Contact.collection.findOne({ _id: new Types.ObjectId(id) }, { projection: IMPORT_PROJECTION })));
    for (const d of docs) if (d && !d.mergedInto) found.set(String(d._id), d as never);
  }
  return found;
}

function countBytes(input: Readable): { stream: Readable; bytes: () => number } {
  let n = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      cb(null, chunk);
    },
  });
  input.on('error', (err) => counter.destroy(err));
  counter.on('close', () => input.destroy());
  return { stream: input.pipe(counter), bytes: () => n };
}

export { zeroCounts };
