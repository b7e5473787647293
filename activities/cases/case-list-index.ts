import { join } from 'node:path';
import type { Logger } from 'pino';
import { currentCaseChangeSeq, readCaseChangesSince } from '../../db/cases/case-changes';
import { readCaseListRows, streamCaseListRows } from '../../db/cases/cases';
import { databaseInstanceId } from '../../db/database-instance-id';
import { estimatedCount } from '../../db/estimated-count';
import { CaseListMemoryIndex, type CaseListFilters, type CaseListPage } from '../../domain/cases/case-list-memory-index';
import type { CaseListRow } from '../../domain/cases/case-list-row';
import { readSnapshot, writeSnapshot } from '../contacts/contact-list-snapshot';

// Log entries read in one round; a seed batch of 500 cases is one entry.
const ENTRIES_PER_ROUND = 200;
// Changed cases read by _id side by side, this many a round.
const READ_CHUNK = 200;
const SNAPSHOT_MIN_INTERVAL_MS = 60_000;

/**
 * The case list in the web server's memory on FerretDB, which serves no
 * secondary index (a page of 250,000 cases sorted by number and counted was
 * a scan of them all). Kept current from the case change log
 * (db/cases/case-changes.ts) that every case write appends to, and saved
 * as a snapshot so a restart loads it instead of reading every case. While
 * it first builds, `query` returns undefined and the list reads the database.
 */
export class CaseListIndexService {
  private index = new CaseListMemoryIndex();
  private state: 'idle' | 'building' | 'ready' = 'idle';
  private seq = 0;
  private databaseId = '';
  private catchingUp: Promise<void> | undefined;
  private building: Promise<void> | undefined;
  private lastSnapshotAt = 0;
  private savedSeq = -1;
  private saving: Promise<void> | undefined;
  /** How the last build read its rows, and how long it took (the log and the bench report it). */
  lastBuild: { from: 'change log' | 'every case' | 'snapshot'; rows: number; seconds: number } | undefined;

  constructor(private readonly o: { dataDir: string; dbName: string; log: Logger }) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  get size(): number {
    return this.index.size;
  }

  get snapshotFile(): string {
    return join(this.o.dataDir, 'indexes', `case-list-${this.o.dbName}.ndjson`);
  }

  /** Loads the snapshot if it belongs to this database, else builds in the background. */
  async start(): Promise<void> {
    const started = Date.now();
    this.databaseId = await databaseInstanceId();
    const snapshot = await readSnapshot<CaseListRow>(this.snapshotFile);
    if (snapshot && snapshot.header.databaseId === this.databaseId && snapshot.header.seq <= (await currentCaseChangeSeq())) {
      this.index.load(snapshot.rows);
      this.seq = this.savedSeq = snapshot.header.seq;
      this.state = 'ready';
      this.lastBuild = { from: 'snapshot', rows: snapshot.rows.length, seconds: (Date.now() - started) / 1000 };
      return;
    }
    void this.build();
  }

  /** Resolves when no build is in flight. */
  async settled(): Promise<void> {
    await this.building;
  }

  /** A page from memory after applying the changes recorded so far, or undefined while the index is not built. */
  async query(f: CaseListFilters, page: number, perPage: number): Promise<CaseListPage | undefined> {
    if (this.state !== 'ready') return undefined;
    await this.catchUp();
    return this.index.query(f, page, perPage);
  }

  /** Applies the changes recorded since the last call (one read of the log's counter when there are none); callers share one pass. */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (;;) {
        const batch = await readCaseChangesSince(this.seq, ENTRIES_PER_ROUND);
        if (batch.upTo === this.seq) break;
        this.index.upsert([...batch.listRows.values()]);
        const toRead = batch.ids.filter((id) => !batch.listRows.has(id));
        for (let i = 0; i < toRead.length; i += READ_CHUNK) {
          const ids = toRead.slice(i, i + READ_CHUNK);
          const rows = await readCaseListRows(ids);
          this.index.upsert(rows.filter((r) => r !== null));
          this.index.remove(ids.filter((_, k) => rows[k] === null));
        }
        this.seq = batch.upTo;
      }
      if (this.seq !== this.savedSeq && Date.now() - this.lastSnapshotAt >= SNAPSHOT_MIN_INTERVAL_MS) void this.saveSnapshot();
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** Reads every case's row once, from the change log when it accounts for every case (the seed carries its rows), else from the cases. */
  build(): Promise<void> {
    this.building ??= (async () => {
      this.state = 'building';
      const started = Date.now();
      const seq = await currentCaseChangeSeq();
      const fromLog = await this.rowsFromChangeLog(seq);
      const rows = fromLog ?? [];
      if (!fromLog) for await (const row of streamCaseListRows()) rows.push(row);
      const fresh = new CaseListMemoryIndex();
      fresh.load(rows);
      this.index = fresh;
      this.seq = seq;
      this.state = 'ready';
      this.lastBuild = { from: fromLog ? 'change log' : 'every case', rows: rows.length, seconds: (Date.now() - started) / 1000 };
      this.o.log.info(this.lastBuild, 'case list index built');
      await this.catchUp();
      await this.saveSnapshot();
    })()
      .catch((err) => {
        this.state = 'idle';
        this.o.log.error({ err }, 'case list index build failed; the case list reads the database');
      })
      .finally(() => (this.building = undefined));
    return this.building;
  }

  /** Every case's row from the log up to `seq`, or undefined when the log does not account for every case (a database older than it). */
  private async rowsFromChangeLog(seq: number): Promise<CaseListRow[] | undefined> {
    if (seq === 0) return undefined;
    const total = await estimatedCount('cases');
    const live = new Map<string, CaseListRow | null>(); // null: changed without a carried row, read below
    for (let at = 0; at < seq; ) {
      const batch = await readCaseChangesSince(at, ENTRIES_PER_ROUND);
      if (batch.upTo === at) return undefined; // a fresh gap: the scan will not wait for it
      for (const id of batch.ids) live.set(id, batch.listRows.get(id) ?? null);
      at = batch.upTo;
    }
    const toRead = [...live].filter(([, row]) => row === null).map(([id]) => id);
    for (let i = 0; i < toRead.length; i += READ_CHUNK) {
      const ids = toRead.slice(i, i + READ_CHUNK);
      const rows = await readCaseListRows(ids);
      ids.forEach((id, k) => (rows[k] ? live.set(id, rows[k]) : live.delete(id)));
    }
    if (live.size !== total) {
      this.o.log.info({ fromLog: live.size, cases: total }, 'the case change log does not account for every case; reading them all');
      return undefined;
    }
    return [...live.values()] as CaseListRow[];
  }

  /** Writes the snapshot unless one is being written (two writers would share its temporary file). */
  private saveSnapshot(): Promise<void> {
    if (this.saving) return this.saving;
    this.lastSnapshotAt = Date.now();
    this.savedSeq = this.seq;
    const rows = this.index.rows();
    this.saving = writeSnapshot(this.snapshotFile, { version: 2, databaseId: this.databaseId, seq: this.seq, count: rows.length }, rows)
      .catch((err) => this.o.log.warn({ err }, 'could not save the case list index snapshot'))
      .finally(() => (this.saving = undefined));
    return this.saving;
  }
}
