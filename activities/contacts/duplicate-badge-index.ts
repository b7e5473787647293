import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { packCounts, unpackCounts } from '../../domain/duplicates/packed-counts';
import { currentSuggestionCountSeq, readSuggestionCountsSince, scanSuggestionCounts } from '../../db/duplicates/suggestion-count-log';

// Entries read in one round; a sweep's batch is one entry of up to 20,000 counts.
const ENTRIES_PER_ROUND = 200;
// A first build reads the log when it is shorter than this, else the suggestions themselves (years of nightly sweeps).
const LOG_READ_LIMIT = 2_000;
const SNAPSHOT_MIN_INTERVAL_MS = 60_000;

type BadgeSnapshot = { version: 1; databaseId: string; seq: number; packedCounts: string };

/**
 * The contacts list's "possible duplicate" badge counts, held beside the
 * in-memory list index and kept current from the suggestion count log that
 * every write to duplicate_suggestions appends to (db/duplicates/suggestion-count-log.ts).
 * A page's badges are then a look-up in memory, where they were 25 reads by
 * _id on every page the cache had not seen. Only contacts with a badge are
 * held (a quarter of the contacts after a first sweep of a million).
 */
export class DuplicateBadgeIndex {
  private counts = new Map<string, number>();
  private seq = 0;
  private state: 'idle' | 'building' | 'ready' = 'idle';
  private catchingUp: Promise<void> | undefined;
  private building: Promise<void> | undefined;
  private databaseId = '';
  private lastSnapshotAt = 0;
  private savedSeq = -1;

  constructor(private readonly o: { snapshotFile: string; log: Logger }) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Loads the saved counts when they belong to this database and are not ahead of its log, else builds them in the background. */
  async start(databaseId: string): Promise<void> {
    this.databaseId = databaseId;
    const snapshot = readBadgeSnapshot(this.o.snapshotFile);
    if (snapshot && snapshot.databaseId === databaseId && snapshot.seq <= (await currentSuggestionCountSeq())) {
      this.counts = unpackCounts(snapshot.packedCounts);
      this.seq = this.savedSeq = snapshot.seq;
      this.state = 'ready';
      return;
    }
    void this.build();
  }

  /** Resolves when no build is in flight. */
  async settled(): Promise<void> {
    await this.building;
  }

  /**
   * The badge counts after applying what the log recorded since the last
   * call (one read of its counter when nothing is new), or undefined while
   * the counts are being built: the caller then reads the database.
   */
  async current(): Promise<ReadonlyMap<string, number> | undefined> {
    if (this.state !== 'ready') return undefined;
    await this.catchUp();
    return this.counts;
  }

  /** Applies the entries recorded since the last call; concurrent callers share one pass. */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (;;) {
        const batch = await readSuggestionCountsSince(this.seq, ENTRIES_PER_ROUND);
        if (batch.upTo === this.seq) break;
        apply(this.counts, batch.counts);
        this.seq = batch.upTo;
      }
      if (this.seq !== this.savedSeq && Date.now() - this.lastSnapshotAt >= SNAPSHOT_MIN_INTERVAL_MS) this.saveSnapshot();
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  /** Builds the counts from the log, or from the suggestions when the log is long or began after them. */
  build(): Promise<void> {
    this.building ??= (async () => {
      this.state = 'building';
      const started = Date.now();
      const seq = await currentSuggestionCountSeq();
      let counts = new Map<string, number>();
      let from: 'log' | 'suggestions' = 'log';
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
      if (!useLog) {
        counts = await scanSuggestionCounts();
        from = 'suggestions';
      }
      this.counts = counts;
      this.seq = useLog ? at : seq;
      this.state = 'ready';
      this.o.log.info({ from, contacts: counts.size, seconds: (Date.now() - started) / 1000 }, 'duplicate badge counts built');
      await this.catchUp();
      this.saveSnapshot();
    })()
      .catch((err) => {
        this.state = 'idle';
        this.o.log.error({ err }, 'duplicate badge counts could not be built; the list reads them from the database');
      })
      .finally(() => (this.building = undefined));
    return this.building;
  }

  private saveSnapshot(): void {
    this.lastSnapshotAt = Date.now();
    this.savedSeq = this.seq;
    try {
      writeBadgeSnapshot(this.o.snapshotFile, { version: 1, databaseId: this.databaseId, seq: this.seq, packedCounts: packCounts(this.counts) });
    } catch (err) {
      this.o.log.warn({ err }, 'could not save the duplicate badge counts');
    }
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
