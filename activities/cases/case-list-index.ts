import { join } from 'node:path';
import type { Logger } from 'pino';
import { currentCaseChangeSeq, readCaseChangesSince } from '../../db/cases/case-changes';
import { readCaseListRows, streamCaseListRows } from '../../db/cases/cases';
import { estimatedCount } from '../../db/estimated-count';
import { CaseListMemoryIndex, type CaseListFilters, type CaseListPage } from '../../domain/cases/case-list-memory-index';
import type { CaseListRow } from '../../domain/cases/case-list-row';
import { readSnapshot, writeSnapshot } from '../contacts/contact-list-snapshot';
import { LogFedIndex, type BuiltContents } from '../read-models/log-fed-index';

// Log entries read in one round; a seed batch of 500 cases is one entry.
const ENTRIES_PER_ROUND = 200;
// Changed cases read by _id side by side, this many a round.
const READ_CHUNK = 200;

/**
 * The case list in the web server's memory on FerretDB, which serves no
 * secondary index (a page of 250,000 cases sorted by number and counted was
 * a scan of them all). Kept current from the case change log
 * (db/cases/case-changes.ts) that every case write appends to, and saved
 * as a snapshot so a restart loads it instead of reading every case. While
 * it first builds, `query` returns undefined and the list reads the database.
 */
export class CaseListIndexService extends LogFedIndex {
  private index = new CaseListMemoryIndex();

  constructor(private readonly o: { dataDir: string; dbName: string; log: Logger }) {
    super(o.log, 'case list index');
  }

  get size(): number {
    return this.index.size;
  }

  get snapshotFile(): string {
    return join(this.o.dataDir, 'indexes', `case-list-${this.o.dbName}.ndjson`);
  }

  /** A page from memory after applying the changes recorded so far, or undefined while the index is not built. */
  async query(f: CaseListFilters, page: number, perPage: number): Promise<CaseListPage | undefined> {
    if (!this.ready) return undefined;
    await this.catchUp();
    return this.index.query(f, page, perPage);
  }

  protected async loadSnapshot(databaseId: string): Promise<{ seq: number; rows: number } | undefined> {
    const snapshot = await readSnapshot<CaseListRow>(this.snapshotFile);
    if (!snapshot || snapshot.header.databaseId !== databaseId || snapshot.header.seq > (await currentCaseChangeSeq())) return undefined;
    this.index.load(snapshot.rows);
    return { seq: snapshot.header.seq, rows: snapshot.rows.length };
  }

  protected async applyEntriesSince(since: number): Promise<number> {
    const batch = await readCaseChangesSince(since, ENTRIES_PER_ROUND);
    this.index.upsert([...batch.listRows.values()]);
    const toRead = batch.ids.filter((id) => !batch.listRows.has(id));
    for (let i = 0; i < toRead.length; i += READ_CHUNK) {
      const ids = toRead.slice(i, i + READ_CHUNK);
      const rows = await readCaseListRows(ids);
      this.index.upsert(rows.filter((r) => r !== null));
      this.index.remove(ids.filter((_, k) => rows[k] === null));
    }
    return batch.upTo;
  }

  /** Every case's row once, from the change log when it accounts for every case (the seed carries its rows), else from the cases. */
  protected async buildContents(): Promise<BuiltContents> {
    const seq = await currentCaseChangeSeq();
    const fromLog = await this.rowsFromChangeLog(seq);
    const rows = fromLog ?? [];
    if (!fromLog) for await (const row of streamCaseListRows()) rows.push(row);
    const fresh = new CaseListMemoryIndex();
    fresh.load(rows);
    this.index = fresh;
    return { seq, from: fromLog ? 'change log' : 'every case', rows: rows.length };
  }

  protected async writeSnapshotFile(): Promise<void> {
    const rows = this.index.rows();
    await writeSnapshot(this.snapshotFile, { version: 2, databaseId: this.databaseId, seq: this.seq, count: rows.length }, rows);
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
      this.log.info({ fromLog: live.size, cases: total }, 'the case change log does not account for every case; reading them all');
      return undefined;
    }
    return [...live.values()] as CaseListRow[];
  }
}
