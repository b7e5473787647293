import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { packCounts, unpackCounts } from '../../domain/duplicates/packed-counts';
import { LogFedIndex, type BuiltContents } from '../read-models/log-fed-index';
import { currentSuggestionCountSeq, readSuggestionCountsSince, scanSuggestionCounts } from '../../db/duplicates/suggestion-count-log';

// Entries read in one round; a sweep's batch is one entry of up to 20,000 counts.
const ENTRIES_PER_ROUND = 200;
// A first build reads the log when it is shorter than this, else the suggestions themselves (years of nightly sweeps).
const LOG_READ_LIMIT = 2_000;

type BadgeSnapshot = { version: 1; databaseId: string; seq: number; packedCounts: string };

/**
 * The contacts list's "possible duplicate" badge counts, held beside the
 * in-memory list index and kept current from the suggestion count log that
 * every write to duplicate_suggestions appends to (db/duplicates/suggestion-count-log.ts).
 * A page's badges are then a look-up in memory, where they were 25 reads by
 * _id on every page the cache had not seen. Only contacts with a badge are
 * held (a quarter of the contacts after a first sweep of a million).
 */
export class DuplicateBadgeIndex extends LogFedIndex {
  private counts = new Map<string, number>();

  constructor(private readonly o: { snapshotFile: string; log: Logger }) {
    super(o.log, 'duplicate badge counts');
  }

  /**
   * The badge counts after applying what the log recorded since the last
   * call (one read of its counter when nothing is new), or undefined while
   * the counts are being built: the caller then reads the database.
   */
  async current(): Promise<ReadonlyMap<string, number> | undefined> {
    if (!this.ready) return undefined;
    await this.catchUp();
    return this.counts;
  }

  protected async loadSnapshot(databaseId: string): Promise<{ seq: number; rows: number } | undefined> {
    const snapshot = readBadgeSnapshot(this.o.snapshotFile);
    if (!snapshot || snapshot.databaseId !== databaseId || snapshot.seq > (await currentSuggestionCountSeq())) return undefined;
    this.counts = unpackCounts(snapshot.packedCounts);
    return { seq: snapshot.seq, rows: this.counts.size };
  }

  protected async applyEntriesSince(since: number): Promise<number> {
    const batch = await readSuggestionCountsSince(since, ENTRIES_PER_ROUND);
    apply(this.counts, batch.counts);
    return batch.upTo;
  }

  /** The counts from the log, or from the suggestions when the log is long or began after them. */
  protected async buildContents(): Promise<BuiltContents> {
    const seq = await currentSuggestionCountSeq();
    let counts = new Map<string, number>();
    let at = 0;
    let useLog = seq > 0 && seq <= LOG_READ_LIMIT;
    while (useLog && at < seq) {
      const batch = await readSuggestionCountsSince(at, ENTRIES_PER_ROUND);
      // Suggestions the log never saw (a database older than it), or a fresh gap: read the suggestions instead.
      if (batch.olderSuggestions || batch.upTo === at) useLog = false;
      apply(counts, batch.counts);
      at = batch.upTo;
    }
    // No log yet (an empty collection reads in no time), or one too long to read: the suggestions themselves, then the log from `seq` on.
    if (!useLog) counts = await scanSuggestionCounts();
    this.counts = counts;
    return { seq: useLog ? at : seq, from: useLog ? 'log' : 'suggestions', rows: counts.size };
  }

  protected async writeSnapshotFile(): Promise<void> {
    writeBadgeSnapshot(this.o.snapshotFile, { version: 1, databaseId: this.databaseId, seq: this.seq, packedCounts: packCounts(this.counts) });
  }
}

function apply(counts: Map<string, number>, changes: ReadonlyMap<string, number>): void {
  for (const [id, n] of changes) {
    if (n > 0) counts.set(id, n);
    else counts.delete(id);
  }
}

function readBadgeSnapshot(path: string): BadgeSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as BadgeSnapshot;
    return snapshot.version === 1 && typeof snapshot.packedCounts === 'string' ? snapshot : undefined;
  } catch {
    return undefined; // unreadable: build again
  }
}

function writeBadgeSnapshot(path: string, snapshot: BadgeSnapshot): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(snapshot));
  renameSync(`${path}.tmp`, path); // readers never see half a file
}
