import type { PreparedRecord } from '../../domain/duplicates/match-record';
import { prepareRecord } from '../../domain/duplicates/prepare-record';
import { buildSweepBlocks, type SweepBlocks } from '../../domain/duplicates/sweep/sweep-blocks';
import { collectGarbageNow } from '../collect-garbage';
import { streamMatchInputs } from '../../db/duplicates/match-record-store';

/** Every live contact prepared for matching, and the sweep's blocks over them. */
export type SweepSnapshot = {
  sweepId: string;
  ids: string[];
  records: PreparedRecord[];
  /** Built on first use (begin and scoring need them; clustering and writing do not), timed in seconds.block. */
  blocks(): SweepBlocks;
  /** Forgets the blocks: scoring is over (~100 MB at a million contacts). */
  dropBlocks(): void;
  seconds: { read: number; block?: number };
  indexOf(): Map<string, number>;
  /** Per-sweep values derived once per worker (the contacts an incremental sweep scores). */
  memo: Map<string, unknown>;
};

let cached: { sweepId: string; snapshot: Promise<SweepSnapshot> } | undefined;

/**
 * The sweep's records, loaded once per worker process and kept for the
 * sweep's later activities (partitions, clustering) that land on the same
 * worker; another worker loads its own copy from the packed match records.
 * One sweep at a time is kept: a million prepared contacts take about 1 GB.
 */
export function sweepSnapshot(sweepId: string, o: { region: string; onProgress?: (read: number) => void | Promise<void> }): Promise<SweepSnapshot> {
  if (cached?.sweepId === sweepId) return cached.snapshot;
  if (cached) {
    // Another sweep's records (it failed or was abandoned on this worker) go before this one's are read.
    cached = undefined;
    collectGarbageNow();
  }
  const snapshot = loadSnapshot(sweepId, o);
  cached = { sweepId, snapshot };
  snapshot.catch(() => {
    if (cached?.snapshot === snapshot) cached = undefined;
  });
  return snapshot;
}

/** Frees the blocks and collects what the scoring left, before the sweep's last step. */
export function releaseSweepBlocks(snapshot: SweepSnapshot): void {
  snapshot.dropBlocks();
  collectGarbageNow();
}

/** Drops the kept records (the sweep has finished) and collects them now, so the next sweep starts from a small heap. */
export function releaseSweepSnapshot(sweepId: string): void {
  if (cached?.sweepId !== sweepId) return;
  cached = undefined;
  collectGarbageNow();
}

async function loadSnapshot(sweepId: string, o: { region: string; onProgress?: (read: number) => void | Promise<void> }): Promise<SweepSnapshot> {
  let t = performance.now();
  const ids: string[] = [];
  const records: PreparedRecord[] = [];
  const intern = createInterner();
  await streamMatchInputs(
    (chunk) => {
      for (const input of chunk) {
        ids.push(input.id);
        records.push(intern(prepareRecord(input, { defaultRegion: o.region })));
      }
    },
    async (read) => o.onProgress?.(read),
  );
  const seconds: SweepSnapshot['seconds'] = { read: (performance.now() - t) / 1000 };
  collectGarbageNow(); // the parsed chunks are garbage; the blocks are built on a heap holding only the records
  let blocks: SweepBlocks | undefined;
  let indexOf: Map<string, number> | undefined;
  return {
    sweepId,
    ids,
    records,
    blocks: () => {
      if (!blocks) {
        t = performance.now();
        blocks = buildSweepBlocks(records);
        seconds.block = (performance.now() - t) / 1000;
      }
      return blocks;
    },
    dropBlocks: () => (blocks = undefined),
    seconds,
    indexOf: () => (indexOf ??= new Map(ids.map((id, i) => [id, i]))),
    memo: new Map(),
  };
}

/**
 * Shares repeated strings and empty lists between records: a million
 * contacts hold a few thousand distinct first names, surnames, cities and
 * phonetic codes, and one copy of each saves hundreds of MB. Fields that
 * are mostly distinct (street, phones, emails) are left alone.
 */
function createInterner() {
  const strings = new Map<string, string>();
  const one = (s: string) => {
    if (s.length === 0 || s.length > 24) return s;
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const none: string[] = [];
  const lists = new Map<string, string[]>();
  // Phonetic code lists repeat as much as the names they come from: one array per distinct list.
  const list = (l: string[]) => {
    if (l.length === 0) return none;
    const key = l.join('|');
    return lists.get(key) ?? lists.set(key, l.map(one)).get(key)!;
  };
  const dates = new Map<string, NonNullable<PreparedRecord['dob']>>();
  const date = (d: PreparedRecord['dob']) => d && (dates.get(d.digits) ?? dates.set(d.digits, d).get(d.digits)!);
  return (r: PreparedRecord): PreparedRecord => ({
    id: r.id,
    first: one(r.first),
    middle: one(r.middle),
    last: one(r.last),
    firstCodes: list(r.firstCodes),
    lastCodes: list(r.lastCodes),
    dob: date(r.dob),
    phones: r.phones.length ? r.phones : none,
    emails: r.emails.length ? r.emails : none,
    houseNumber: one(r.houseNumber),
    streetName: r.streetName, // mostly distinct: interning would only add a map entry each
    city: one(r.city),
    postcode: one(r.postcode),
    state: one(r.state),
    country: one(r.country),
  });
}
