import type { Logger } from 'pino';
import { databaseInstanceId } from '../../db/database-instance-id';

/** What a build made: the contents are in place, read up to `seq`; `from` and `rows` say how, for the log. */
export type BuiltContents = { seq: number; from: string; rows: number };

// A snapshot only makes restarts quick: written at most this often by catch-ups.
const SNAPSHOT_MIN_INTERVAL_MS = 60_000;

/**
 * The life of an in-memory read model kept current from a sequenced log
 * (db/change-log/sequenced-log.ts) and saved to a snapshot file: the case
 * list and the duplicate badges. At start it loads its snapshot when that
 * belongs to this database, else builds in the background (callers read the
 * database meanwhile); each use first applies the entries recorded since
 * (one read of the log's counter when there are none), concurrent callers
 * sharing one pass; builds and snapshot writes run one at a time. A
 * subclass says how to load, build, apply and save its own contents.
 */
export abstract class LogFedIndex {
  protected seq = 0;
  protected databaseId = '';
  private state: 'idle' | 'building' | 'ready' = 'idle';
  private catchingUp: Promise<void> | undefined;
  private building: Promise<void> | undefined;
  private saving: Promise<void> | undefined;
  private lastSnapshotAt = 0;
  private savedSeq = -1;
  /** How the last build (or snapshot load) read its contents, and how long it took (benchmarks and tests read it). */
  lastBuild: { from: string; rows: number; seconds: number } | undefined;

  constructor(
    protected readonly log: Logger,
    private readonly name: string,
  ) {}

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Contents from the snapshot when it belongs to `databaseId` and is not ahead of the log: the seq it was saved at and its row count, else undefined. */
  protected abstract loadSnapshot(databaseId: string): Promise<{ seq: number; rows: number } | undefined>;
  /** Reads everything once into fresh contents (swapped in by the subclass) and says up to which entry. */
  protected abstract buildContents(): Promise<BuiltContents>;
  /** Applies the entries after `since`, a round's worth; returns the last entry applied (`since` when there was none). */
  protected abstract applyEntriesSince(since: number): Promise<number>;
  protected abstract writeSnapshotFile(): Promise<void>;

  /** `databaseId`: the connected database's (db/database-instance-id.ts), when the caller has it already. */
  async start(databaseId?: string): Promise<void> {
    const started = Date.now();
    this.databaseId = databaseId ?? (await databaseInstanceId());
    const loaded = await this.loadSnapshot(this.databaseId);
    if (loaded) {
      this.seq = this.savedSeq = loaded.seq;
      this.state = 'ready';
      this.lastBuild = { from: 'snapshot', rows: loaded.rows, seconds: (Date.now() - started) / 1000 };
      return;
    }
    void this.build();
  }

  /** Resolves when no build is in flight. */
  async settled(): Promise<void> {
    await this.building;
  }

  /** Applies what the log recorded since the last call; concurrent callers share one pass. */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (let upTo = await this.applyEntriesSince(this.seq); upTo !== this.seq; upTo = await this.applyEntriesSince(this.seq)) this.seq = upTo;
      if (this.seq !== this.savedSeq && Date.now() - this.lastSnapshotAt >= SNAPSHOT_MIN_INTERVAL_MS) void this.saveSnapshot();
    })().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  build(): Promise<void> {
    this.building ??= (async () => {
      this.state = 'building';
      const started = Date.now();
      const built = await this.buildContents();
      this.seq = built.seq;
      this.state = 'ready';
      this.lastBuild = { from: built.from, rows: built.rows, seconds: (Date.now() - started) / 1000 };
      this.log.info(this.lastBuild, `${this.name} built`);
      await this.catchUp();
      await this.saveSnapshot();
    })()
      .catch((err) => {
        this.state = 'idle';
        this.log.error({ err }, `${this.name} could not be built; the database answers instead`);
      })
      .finally(() => (this.building = undefined));
    return this.building;
  }

  /** Writes the snapshot unless one is being written (two writers would share its temporary file). */
  private saveSnapshot(): Promise<void> {
    if (this.saving) return this.saving;
    this.lastSnapshotAt = Date.now();
    this.savedSeq = this.seq;
    this.saving = this.writeSnapshotFile()
      .catch((err) => this.log.warn({ err }, `could not save the ${this.name} snapshot`))
      .finally(() => (this.saving = undefined));
    return this.saving;
  }
}
