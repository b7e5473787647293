import { join } from 'node:path';
import type { Logger } from 'pino';
import { parseContactSearch } from '../../domain/contacts/parse-contact-search';
import { currentChangeSeq, readContactChangesSince } from '../../db/contacts/contact-changes';
import { readListRows, streamLiveListRows } from '../../db/contacts/list-contacts';
import { databaseInstanceId } from '../../db/database-instance-id';
import { estimatedCount } from '../../db/estimated-count';
import type { DatabaseEngine } from '../../db/detect-engine';
import { decodeListCursor } from '../../domain/contacts/contact-list-cursor';
import { ContactListMemoryIndex, type ListPage } from '../../domain/contacts/contact-list-memory-index';
import { toListRow, type ContactListRow } from '../../domain/contacts/contact-list-row';
import { readSnapshotInto, writeSnapshot } from './contact-list-snapshot';
import { DuplicateBadgeIndex } from './duplicate-badge-index';

// Past this many changed contacts, scanning everything is cheaper than
// fetching each by _id (bulk loads, imports, sweeps).
const REBUILD_THRESHOLD = 20_000;
const SNAPSHOT_EVERY_CHANGES = 5_000;
// The snapshot only makes restarts quick; during an import, writing it every 5,000 changes cost the server more than its requests.
const SNAPSHOT_MIN_INTERVAL_MS = 60_000;
// A list request waits for a catch-up of at most this many contacts (a few
// staff edits); a bigger one is applied in the background, APPLY_CHUNK at a time.
const FEW_CHANGES = 50;
const APPLY_CHUNK = 200;
// More log entries than are read in one round (db/contacts/contact-changes.ts) are a bulk change too:
// an import's 500 entries took 30 rounds of reads, and every list request waited for them.
const FEW_ENTRIES = 16;

export type ListQuery = { appStatus?: 'installed' | 'not_installed'; tag?: string; caseStatus?: string; q?: string; sort?: 'name' | 'name_desc'; after?: string; limit: number; defaultRegion: string };

/**
 * Keeps the in-memory contact list index in step with the database through
 * the contact change log, and persists it so restarts are fast. While it is
 * (re)building, `query` returns undefined and callers use the database.
 */
export class ContactListIndexService {
  private index = new ContactListMemoryIndex();
  private state: 'idle' | 'building' | 'ready' = 'idle';
  private seq = 0;
  private databaseId = '';
  private changesSinceSnapshot = 0;
  private lastSnapshotAt = 0;
  private saving: Promise<void> | undefined;
  // The catch-up in flight, and a promise resolved as soon as it turns out to be a bulk change (see freshEnough).
  private catchingUp: { done: Promise<void>; bulkSeen: Promise<void> } | undefined;
  // Requests waiting for the next pass of the catch-up: one that reads the log after they arrived.
  private waiters: PromiseWithResolvers<void>[] = [];
  private rebuilding: Promise<void> | undefined;
  /** How the last build read its rows, and how long it took (the log, a bench and a test read it). */
  lastBuild: { from: 'change log' | 'every contact'; rows: number; seconds: number } | undefined;

  /** The rows' duplicate-badge counts, kept beside them from the suggestion count log. */
  readonly duplicateBadges: DuplicateBadgeIndex;

  constructor(private readonly o: { dataDir: string; dbName: string; log: Logger }) {
    this.duplicateBadges = new DuplicateBadgeIndex({ snapshotFile: join(o.dataDir, 'indexes', `duplicate-badges-${o.dbName}.json`), log: o.log });
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  get size(): number {
    return this.index.size;
  }

  /** Where the snapshot is saved (benchmarks remove it to measure a first build). */
  get snapshotFile(): string {
    return join(this.o.dataDir, 'indexes', `contact-list-${this.o.dbName}.ndjson`);
  }

  /** Loads the snapshot if it belongs to this database, else builds in the background. */
  async start(): Promise<void> {
    this.databaseId = await databaseInstanceId();
    await this.duplicateBadges.start(this.databaseId);
    const { seq } = await currentChangeSeq();
    const fresh = new ContactListMemoryIndex();
    const loader = fresh.startLoad();
    const header = await readSnapshotInto<ContactListRow>(this.snapshotFile, (h) => h.databaseId === this.databaseId && h.seq <= seq, loader.put);
    if (header) {
      loader.finish();
      this.index = fresh;
      this.seq = header.seq;
      this.state = 'ready';
      this.o.log.info({ rows: fresh.size, seq: this.seq }, 'contact list index loaded from snapshot');
      await this.catchUp();
      return;
    }
    void this.rebuild();
  }

  /** Resolves when no build (and its snapshot write) is in flight; benchmarks wait for it before measuring. */
  async settled(): Promise<void> {
    await Promise.all([this.rebuilding, this.duplicateBadges.settled()]);
  }

  /** Runs a query in memory after applying pending changes, or undefined when the index has never been built. */
  async query(q: ListQuery): Promise<ListPage | undefined> {
    if (this.state !== 'ready') return undefined;
    await this.freshEnough();
    return this.index.query(
      { appStatus: q.appStatus, tag: q.tag, caseStatus: q.caseStatus, search: parseContactSearch(q.q, q.defaultRegion) },
      decodeListCursor(q.after),
      Math.min(Math.max(q.limit, 1), 100),
      q.sort === 'name_desc',
    );
  }

  /** Candidate duplicates from memory, or undefined when the index has never been built. */
  async lookup(o: { phoneKeys: string[]; emailKeys: string[]; sortNamePrefix?: string; limit: number }): Promise<string[] | undefined> {
    if (this.state !== 'ready') return undefined;
    await this.freshEnough();
    return this.index.lookup(o);
  }

  /**
   * Waits for the changes recorded so far when they are a few (a staff
   * member's own edit shows in the list they go back to), but not for a bulk
   * change (an import batch, a rebuild): its thousands of rows are read one
   * by one on FerretDB, and every list request waiting on that stalled the
   * dashboard for 20-30 s under the load bench. Those rows appear as their
   * chunks are applied. A request waits for one pass of the catch-up that
   * began after it arrived, not for the catch-up to run dry: during an
   * import, new entries keep coming.
   */
  private freshEnough(): Promise<void> {
    if (this.rebuilding) return Promise.resolve();
    const waiter = Promise.withResolvers<void>();
    this.waiters.push(waiter);
    void this.catchUp().catch(() => undefined);
    return Promise.race([waiter.promise, this.catchingUp?.bulkSeen ?? Promise.resolve()]);
  }

  /** Applies changes recorded since the last call; concurrent callers share one catch-up. */
  catchUp(): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    if (!this.catchingUp) {
      const bulkSeen = Promise.withResolvers<void>();
      const done = this.applyChanges(bulkSeen.resolve).finally(() => {
        this.catchingUp = undefined;
        bulkSeen.resolve();
        // A request that arrived as the last pass ended is served by a pass of its own.
        if (this.waiters.length) void this.catchUp().catch(() => undefined);
      });
      this.catchingUp = { done, bulkSeen: bulkSeen.promise };
    }
    return this.catchingUp.done;
  }

  private async applyChanges(onBulk: () => void): Promise<void> {
    for (;;) {
      const served = this.waiters;
      this.waiters = [];
      try {
        const more = await this.applyOnePass(onBulk);
        for (const w of served) w.resolve();
        // A rebuild answers everyone from here (freshEnough does not wait during one).
        if (this.rebuilding) for (const w of this.waiters.splice(0)) w.resolve();
        if (!more && !this.waiters.length) return;
      } catch (err) {
        for (const w of served) w.reject(err);
        throw err;
      }
    }
  }

  /** Reads and applies one batch of the change log; false when there was nothing new (or a rebuild took over). */
  private async applyOnePass(onBulk: () => void): Promise<boolean> {
    const batch = await readContactChangesSince(this.seq, 500, { withListRows: true, onSeq: (seq) => seq - this.seq > FEW_ENTRIES && onBulk() });
    if (batch.upTo === this.seq) return false;
    const ids = [...new Set(batch.ids.map(String))];
    if (ids.length > REBUILD_THRESHOLD) {
      onBulk();
      void this.rebuild();
      return false;
    }
    // Rows the log carries (an import's new contacts) go in at once; the others are read.
    const carried = batch.listRows ?? new Map();
    if (carried.size) this.index.apply([...carried.values()], []);
    const toRead = ids.filter((id) => !carried.has(id));
    if (toRead.length > FEW_CHANGES) onBulk();
    for (let i = 0; i < toRead.length; i += APPLY_CHUNK) {
      const { rows, gone } = await readRows(toRead.slice(i, i + APPLY_CHUNK));
      this.index.apply(rows, gone);
    }
    this.seq = batch.upTo;
    this.changesSinceSnapshot += ids.length;
    if (this.changesSinceSnapshot >= SNAPSHOT_EVERY_CHANGES && Date.now() - this.lastSnapshotAt >= SNAPSHOT_MIN_INTERVAL_MS) void this.saveSnapshot();
    return true;
  }

  /**
   * Scans all contacts once into a new index and swaps it in; until then the
   * old one (when there is one) keeps answering. Changes recorded during the
   * scan are re-applied after it (upserts are idempotent).
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      if (this.state !== 'ready') this.state = 'building';
      const started = Date.now();
      await this.catchingUp?.done.catch(() => undefined); // a catch-up in flight would write into the index being replaced
      const { seq } = await currentChangeSeq();
      let fresh = await this.indexFromChangeLog(seq).catch((err) => {
        this.o.log.warn({ err }, 'could not rebuild the contact list index from the change log; reading every contact');
        return undefined;
      });
      const from = fresh ? 'change log' : 'every contact';
      if (!fresh) {
        fresh = new ContactListMemoryIndex();
        const loader = fresh.startLoad();
        for await (const doc of streamLiveListRows()) loader.put(toListRow(doc));
        loader.finish();
      }
      this.index = fresh;
      this.seq = seq;
      this.state = 'ready';
      this.lastBuild = { from, rows: fresh.size, seconds: (Date.now() - started) / 1000 };
      this.o.log.info(this.lastBuild, 'contact list index built');
      await this.saveSnapshot();
    })()
      .catch((err) => {
        if (this.state === 'building') this.state = 'idle';
        this.o.log.error({ err }, 'contact list index build failed; the list answers from what it had, or the database');
      })
      .finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  /**
   * An index of every live contact's row from the change log up to `seq`,
   * or undefined when the log does not account for every contact (a
   * database older than the log, or a writer that skipped it). Seeds and
   * imports carry their new contacts' rows in the log, so this reads a few
   * hundred entries where a scan reads a million contacts (FerretDB: about
   * 0.7 ms a contact, 12 minutes); contacts changed without a carried row
   * are read by id. Complete when the rows found plus the merged contacts
   * seen equal the collection's count. Rows go straight into the index's
   * columns as they are read.
   */
  private async indexFromChangeLog(seq: number): Promise<ContactListMemoryIndex | undefined> {
    if (seq === 0) return undefined;
    const total = await estimatedCount('contacts');
    const fresh = new ContactListMemoryIndex();
    const loader = fresh.startLoad();
    const toRead = new Set<string>();
    for (let at = 0; at < seq; ) {
      // A few entries a round: a seed's entry carries 2,000 rows (650 KB of JSON), and 500 at once held 325 MB.
      const batch = await readContactChangesSince(at, 16, { withListRows: true });
      if (batch.upTo === at) return undefined; // a fresh gap: the scan will not wait for it
      for (const id of batch.ids.map(String)) {
        const row = batch.listRows?.get(id);
        if (row) {
          loader.put(row);
          toRead.delete(id);
        } else {
          loader.remove(id);
          toRead.add(id);
        }
      }
      at = batch.upTo;
    }
    let merged = 0;
    const ids = [...toRead];
    for (let i = 0; i < ids.length; i += APPLY_CHUNK) {
      const read = await readRows(ids.slice(i, i + APPLY_CHUNK));
      merged += read.merged;
      for (const row of read.rows) loader.put(row);
    }
    if (loader.count + merged !== total) {
      this.o.log.info({ fromLog: loader.count, merged, contacts: total }, 'the change log does not account for every contact; reading them all');
      return undefined;
    }
    loader.finish();
    return fresh;
  }

  /** Writes the snapshot unless one is being written; from a copy of the columns, as catch-ups keep changing the live rows meanwhile. */
  private async saveSnapshot(): Promise<void> {
    if (this.saving) return this.saving;
    this.changesSinceSnapshot = 0;
    this.lastSnapshotAt = Date.now();
    const rows = this.index.rowsInOrder();
    const header = { version: 2 as const, databaseId: this.databaseId, seq: this.seq, count: rows.length };
    this.saving = writeSnapshot(this.snapshotFile, header, rows)
      .catch((err) => this.o.log.warn({ err }, 'could not save the contact list index snapshot'))
      .finally(() => (this.saving = undefined));
    return this.saving;
  }
}

/** The list rows of these contacts, the ids of those gone (deleted or merged), and how many of them were merged. */
async function readRows(ids: string[]): Promise<{ rows: ContactListRow[]; gone: string[]; merged: number }> {
  const rows: ContactListRow[] = [];
  const gone: string[] = [];
  let merged = 0;
  for (const [k, doc] of (await readListRows(ids)).entries()) {
    if (doc && !doc.mergedInto) rows.push(toListRow(doc));
    else {
      gone.push(ids[k]!);
      if (doc) merged++;
    }
  }
  return { rows, gone, merged };
}

/** Where the contacts list reads from (config CONTACT_LIST_INDEX): auto is the in-memory index on FerretDB, which cannot use secondary indexes, and the database's indexes on MongoDB. */
export function chooseListIndex(setting: 'auto' | 'memory' | 'database', engine: DatabaseEngine): 'memory' | 'database' {
  if (setting !== 'auto') return setting;
  return engine === 'ferretdb' ? 'memory' : 'database';
}
