import { Types } from 'mongoose';
import { join } from 'node:path';
import { CompactMatchIndex } from '../../domain/imports/compact-match-index';
import type { MatchInput } from '../../domain/duplicates/match-record';
import { prepareRecord, type PrepareOptions } from '../../domain/duplicates/prepare-record';
import { currentChangeSeq, readContactChangesSince } from '../../db/contacts/contact-changes';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { streamMatchInputs } from '../../db/duplicates/match-record-store';
import { readContactDocument } from '../../db/contacts/contacts';
import { databaseName } from '../../db/connection';
import type { ImportableContact } from '../../domain/imports/combine-import-row';
import { databaseInstanceId } from '../../db/database-instance-id';
import { loadMatchIndexSnapshot, MATCH_INDEX_SNAPSHOT_VERSION, saveMatchIndexSnapshot } from './match-index-snapshot';
import { collectGarbageAbove, IMPORT_HEAP_CEILING } from '../collect-garbage';
import { SimulatedContactStore } from './simulated-contact-store';

/**
 * What an import pass matches its rows against, kept across its segments
 * in this process: every live contact in a compact index (candidates only;
 * their records are read when needed), the last batch's new and changed
 * contacts (which may not be written yet when the next batch is planned),
 * and for a dry run the contacts it only pretended to create.
 */
/** A contact as an import pass knows it: read from the database, or as a batch created or changed it (the database may not hold it yet). */
export type KnownContact = ImportableContact & { _id: { toString(): string }; updatedAt?: Date | null };

export type ImportMatchState = {
  key: string;
  index: CompactMatchIndex;
  seq: number;
  /** The previous batch's created and changed contacts, by id. */
  recent: Map<string, KnownContact>;
  /** Dry run only: every simulated new contact's matching fields (JSON), by file row; made by the first batch that needs it. */
  simulated?: SimulatedContactStore;
  /** Dry run only: existing contacts as the run would have changed them, by id. */
  simulatedChanges: Map<string, KnownContact>;
};

let cached: ImportMatchState | undefined;

// Past this many changed contacts since a saved index, reading them one by one costs more than rebuilding.
const SNAPSHOT_CATCH_UP_LIMIT = 20_000;
const FETCH_CONCURRENCY = 16;
// A loaded index that needed more change-log entries than this to catch up is saved again, so the next pass needs fewer.
const RESAVE_AFTER_ENTRIES = 100;

/**
 * The match state for an import pass, built once per process and brought
 * up to date from the contact change log (other people's edits) at the
 * start of each later segment. `fresh` rebuilds it from what the database
 * holds now (a new pass, or a retried segment after a crash): from the
 * index saved in `snapshotDir` plus the contacts changed since, when there
 * is one for this database, else from the packed match records (and then
 * saved there for the next pass: the run after a dry run starts at once).
 */
export async function importMatchState(o: { key: string; fresh: boolean; prepare: PrepareOptions; ownSource: string; snapshotDir?: string; onProgress: (read: number) => Promise<void> }): Promise<ImportMatchState> {
  if (!o.fresh && cached?.key === o.key) {
    cached.seq = (await catchUp(cached, o.prepare, { skipSource: o.ownSource }))!;
    return cached;
  }
  forget(); // free the previous pass's index before building the next
  const snapshot = o.snapshotDir ? await snapshotTarget(o.snapshotDir, o.prepare) : undefined;
  const fromSnapshot = snapshot && (await loadFromSnapshot(o.key, snapshot, o.prepare));
  if (fromSnapshot) return (cached = fromSnapshot);

  const { seq } = await currentChangeSeq();
  const index = new CompactMatchIndex();
  await streamMatchInputs((chunk: MatchInput[]) => {
    for (const input of chunk) index.add(prepareRecord(input, o.prepare));
    collectGarbageAbove(IMPORT_HEAP_CEILING); // reading a million records leaves a million records' garbage
  }, o.onProgress);
  const state = newState(o.key, index, seq);
  if (snapshot) await saveSnapshot(snapshot, state);
  cached = state;
  return state;
}

export function forgetImportMatchState(key: string): void {
  if (cached?.key === key) forget();
}

function forget(): void {
  cached?.simulated?.close();
  cached = undefined;
}

const newState = (key: string, index: CompactMatchIndex, seq: number): ImportMatchState => ({
  key, index, seq, recent: new Map(), simulatedChanges: new Map(),
});

type SnapshotTarget = { path: string; databaseId: string; prepare: string };

async function snapshotTarget(dir: string, prepare: PrepareOptions): Promise<SnapshotTarget> {
  return { path: join(dir, `import-match-${databaseName()}.bin`), databaseId: await databaseInstanceId(), prepare: JSON.stringify(prepare) };
}

async function loadFromSnapshot(key: string, target: SnapshotTarget, prepare: PrepareOptions): Promise<ImportMatchState | undefined> {
  const { seq: now } = await currentChangeSeq();
  const loaded = await loadMatchIndexSnapshot(target.path, (h) => h.databaseId === target.databaseId && h.prepare === target.prepare && h.seq <= now);
  if (!loaded) return undefined;
  const state = newState(key, loaded.index, loaded.header.seq);
  // Every change since, this import's own included: the database is the truth a fresh state must match.
  const seq = await catchUp(state, prepare, { limit: SNAPSHOT_CATCH_UP_LIMIT });
  if (seq === undefined) return undefined;
  if (seq - loaded.header.seq > RESAVE_AFTER_ENTRIES) await saveSnapshot(target, { ...state, seq });
  state.seq = seq;
  return state;
}

async function saveSnapshot(target: SnapshotTarget, state: ImportMatchState): Promise<void> {
  // A snapshot only saves time; failing to write one must not fail the import.
  await saveMatchIndexSnapshot(target.path, { version: MATCH_INDEX_SNAPSHOT_VERSION, databaseId: target.databaseId, prepare: target.prepare, seq: state.seq }, state.index).catch(() => undefined);
}

/**
 * Files the contacts changed since `state.seq` (as they are now) and returns
 * the sequence reached, or undefined when more than `limit` changed.
 */
async function catchUp(state: ImportMatchState, prepare: PrepareOptions, o: { skipSource?: string; limit?: number }): Promise<number | undefined> {
  let seq = state.seq;
  const ids = new Set<string>();
  for (;;) {
    const batch = await readContactChangesSince(seq, 500, { skipSource: o.skipSource });
    for (const id of batch.ids) ids.add(String(id));
    if (o.limit !== undefined && ids.size > o.limit) return undefined;
    if (batch.upTo === seq) break;
    seq = batch.upTo;
  }
  const list = [...ids];
  for (let i = 0; i < list.length; i += FETCH_CONCURRENCY) {
    const docs = await Promise.all(list.slice(i, i + FETCH_CONCURRENCY).map((id) => readContactDocument(new Types.ObjectId(id))));
    for (const doc of docs) if (doc && !doc.mergedInto) state.index.add(prepareRecord(contactMatchInput(doc), prepare));
  }
  return seq;
}
