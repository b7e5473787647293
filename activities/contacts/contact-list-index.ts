import { join } from 'node:path';
import type { Logger } from 'pino';
import { parseContactSearch } from '../../domain/contacts/parse-contact-search';
import { currentChangeSeq, readContactChangesSince } from '../../db/contacts/contact-changes';
import { readListRows, streamLiveListRows } from '../../db/contacts/list-contacts';
import { databaseInstanceId } from '../../db/database-instance-id';
import type { DatabaseEngine } from '../../db/detect-engine';
import { decodeListCursor } from '../../domain/contacts/contact-list-cursor';
import { ContactListMemoryIndex, type ListPage } from '../../domain/contacts/contact-list-memory-index';
import { toListRow } from '../../domain/contacts/contact-list-row';
import { readSnapshot, writeSnapshot } from './contact-list-snapshot';

// Past this many changed contacts, scanning everything is cheaper than
// fetching each by _id (bulk loads, imports, sweeps).
const REBUILD_THRESHOLD = 20_000;
const SNAPSHOT_EVERY_CHANGES = 5_000;

export type ListQuery = { appStatus?: 'installed' | 'not_installed'; tag?: string; caseStatus?: string; q?: string; sort?: 'name' | 'name_desc'; after?: string; limit: number; defaultRegion: string };

/**
 * Keeps the in-memory contact list index in step with the database through
 * the contact change log, and persists it so restarts are fast. While it is
 * (re)building, `query` returns undefined and callers use the database.
 */
export class ContactListIndexService {
  private readonly index = new ContactListMemoryIndex();
  private state: 'idle' | 'building' | 'ready' = 'idle';
  private seq = 0;
  private databaseId = '';
  private changesSinceSnapshot = 0;
  private catchingUp: Promise<void> | undefined;
  private rebuilding: Promise<void> | undefined;

  constructor(private readonly o: { dataDir: string; dbName: string; log: Logger }) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  get size(): number {
    return this.index.size;
  }

  private get snapshotPath(): string {
    return join(this.o.dataDir, 'indexes', `contact-list-${this.o.dbName}.ndjson`);
  }

  /** Loads the snapshot if it belongs to this database, else builds in the background. */
  async start(): Promise<void> {
    this.databaseId = await databaseInstanceId();
    const snapshot = await readSnapshot(this.snapshotPath);
    const { seq } = await currentChangeSeq();
    if (snapshot && snapshot.header.databaseId === this.databaseId && snapshot.header.seq <= seq) {
      this.index.load(snapshot.rows);
      this.seq = snapshot.header.seq;
      this.state = 'ready';
      this.o.log.info({ rows: snapshot.rows.length, seq: this.seq }, 'contact list index loaded from snapshot');
      await this.catchUp();
      return;
    }
    void this.rebuild();
  }

  /** Resolves when no build (and its snapshot write) is in flight; benchmarks wait for it before measuring. */
  async settled(): Promise<void> {
    await this.rebuilding;
  }

  /** Runs a query in memory after applying pending changes, or undefined when the index is not ready. */
  async query(q: ListQuery): Promise<ListPage | undefined> {
    if (this.state !== 'ready') return undefined;
    await this.catchUp();
    if (this.state !== 'ready') return undefined;
    return this.index.query(
      { appStatus: q.appStatus, tag: q.tag, caseStatus: q.caseStatus, search: parseContactSearch(q.q, q.defaultRegion) },
      decodeListCursor(q.after),
      Math.min(Math.max(q.limit, 1), 100),
      q.sort === 'name_desc',
    );
  }

  /** Candidate duplicates from memory, or undefined when the index is not ready. */
  async lookup(o: { phoneKeys: string[]; emailKeys: string[]; sortNamePrefix?: string; limit: number }): Promise<string[] | undefined> {
    if (this.state !== 'ready') return undefined;
    await this.catchUp();
    return this.state === 'ready' ? this.index.lookup(o) : undefined;
  }

  /** Applies changes recorded since the last call; concurrent callers share one catch-up. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.applyChanges().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async applyChanges(): Promise<void> {
    for (;;) {
      const batch = await readContactChangesSince(this.seq);
      if (batch.upTo === this.seq) return;
      const ids = [...new Set(batch.ids.map(String))];
      if (ids.length > REBUILD_THRESHOLD) {
        void this.rebuild();
        return;
      }
      (await readListRows(ids)).forEach((doc, k) => {
        if (!doc || doc.mergedInto) this.index.remove(ids[k]!);
        else this.index.upsert(toListRow(doc));
      });
      this.seq = batch.upTo;
      this.changesSinceSnapshot += ids.length;
      if (this.changesSinceSnapshot >= SNAPSHOT_EVERY_CHANGES) void this.saveSnapshot();
    }
  }

  /** Scans all contacts once. Changes recorded during the scan are re-applied after it (upserts are idempotent). */
  rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      this.state = 'building';
      const started = Date.now();
      const { seq } = await currentChangeSeq();
      const rows = [];
      for await (const doc of streamLiveListRows()) rows.push(toListRow(doc));
      this.index.load(rows);
      this.seq = seq;
      this.state = 'ready';
      this.o.log.info({ rows: rows.length, seconds: (Date.now() - started) / 1000 }, 'contact list index built');
      await this.saveSnapshot();
    })()
      .catch((err) => {
        this.state = 'idle';
        this.o.log.error({ err }, 'contact list index build failed; the list reads the database');
      })
      .finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async saveSnapshot(): Promise<void> {
    this.changesSinceSnapshot = 0;
    await writeSnapshot(this.snapshotPath, { version: 1, databaseId: this.databaseId, seq: this.seq, count: this.index.size }, this.index.allRows()).catch((err) =>
      this.o.log.warn({ err }, 'could not save the contact list index snapshot'),
    );
  }
}

/** Where the contacts list reads from (config CONTACT_LIST_INDEX): auto is the in-memory index on FerretDB, which cannot use secondary indexes, and the database's indexes on MongoDB. */
export function chooseListIndex(setting: 'auto' | 'memory' | 'database', engine: DatabaseEngine): 'memory' | 'database' {
  if (setting !== 'auto') return setting;
  return engine === 'ferretdb' ? 'memory' : 'database';
}
