import { blockingKeys } from '../duplicates/blocking-keys';
import type { PreparedRecord } from '../duplicates/match-record';
import { MAX_BLOCK } from '../duplicates/sweep/sweep-blocks';
import { CompactKeyIndex, keyHash } from './compact-key-index';
// Per record: 16-bit hashes of birth date, first and last name codes, postcode and street.
const PRINT_FIELDS = 5;
// Reserved address space for the id and fingerprint arrays, not memory: they grow in place up to 50 million contacts.
const MAX_RECORDS = 50_000_000;
// Growth step, in records: an eighth more each time, at least 64k (in place, so no copy and no doubling's unused half).
const growthFor = (records: number) => Math.max(65_536, Math.ceil(records / 8));

export type CompactMatchIndexParts = { count: number; ids: Uint8Array; prints: Uint16Array; hashes: Uint32Array; slots: Uint32Array };

/**
 * Every contact an import compares its rows with (a million or more), in
 * typed arrays: the id (12 bytes), a fingerprint (10 bytes) and its blocking
 * keys as 32-bit hashes (8 bytes each) — about 120 bytes a contact instead
 * of the kilobyte a prepared record takes. It only proposes candidates;
 * their records are read from the database and scored exactly. A candidate
 * must share a phone or an email, or two blocking keys and three
 * fingerprint fields (so a namesake elsewhere is not fetched for nothing).
 * An updated record is filed again under a new slot; its old slot can only
 * propose the same id again.
 */
export class CompactMatchIndex {
  private readonly idBuffer = new ArrayBuffer(0, { maxByteLength: 12 * MAX_RECORDS });
  private readonly printBuffer = new ArrayBuffer(0, { maxByteLength: 2 * PRINT_FIELDS * MAX_RECORDS });
  // Length-tracking views: they follow their buffers as those grow.
  private readonly ids = new Uint8Array(this.idBuffer);
  private readonly prints = new Uint16Array(this.printBuffer);
  private count = 0;
  private readonly keys = new CompactKeyIndex();

  get size(): number {
    return this.count;
  }

  /** Files a record whose id is a 24-digit hex string (an ObjectId). */
  add(record: PreparedRecord): void {
    const slot = this.count++;
    if (slot * 12 >= this.ids.length) this.resize(slot + growthFor(slot));
    for (let i = 0; i < 12; i++) this.ids[slot * 12 + i] = parseInt(record.id.slice(2 * i, 2 * i + 2), 16);
    const print = fingerprint(record);
    for (let i = 0; i < PRINT_FIELDS; i++) this.prints[slot * PRINT_FIELDS + i] = print[i]!;
    for (const key of new Set(blockingKeys(record))) this.keys.add(keyHash(key), slot);
  }

  /** The index's arrays (views over its memory), for a snapshot. */
  parts(): CompactMatchIndexParts {
    const { hashes, slots } = this.keys.sortedPairs();
    return { count: this.count, ids: this.ids.subarray(0, this.count * 12), prints: this.prints.subarray(0, this.count * PRINT_FIELDS), hashes, slots };
  }

  /** An index of `count` records and `pairs` key pairs whose arrays the caller fills (from a snapshot). */
  static reserve(count: number, pairs: number): { index: CompactMatchIndex; parts: CompactMatchIndexParts } {
    const index = new CompactMatchIndex();
    index.resize(count);
    index.count = count;
    const { hashes, slots } = index.keys.reserveSorted(pairs);
    return { index, parts: { count, ids: index.ids.subarray(0, count * 12), prints: index.prints.subarray(0, count * PRINT_FIELDS), hashes, slots } };
  }

  /** Ids of the records worth scoring against this one. */
  candidateIds(record: PreparedRecord): string[] {
    const strong = new Map<number, number>();
    const weak = new Map<number, number>();
    const found: number[] = [];
    for (const key of new Set(blockingKeys(record))) {
      found.length = 0;
      this.keys.lookup(keyHash(key), MAX_BLOCK, found);
      const counts = key.startsWith('p:') || key.startsWith('e:') ? strong : weak;
      for (const slot of found) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    }
    const print = fingerprint(record);
    const ids = new Set<string>();
    for (const slot of strong.keys()) ids.add(this.idOf(slot));
    for (const [slot, n] of weak) {
      if (n < 2 || strong.has(slot)) continue;
      let agree = 0;
      for (let i = 0; i < PRINT_FIELDS; i++) if (print[i] && print[i] === this.prints[slot * PRINT_FIELDS + i]) agree++;
      if (agree >= 3) ids.add(this.idOf(slot));
    }
    return [...ids];
  }

  private idOf(slot: number): string {
    let s = '';
    for (let i = 0; i < 12; i++) s += this.ids[slot * 12 + i]!.toString(16).padStart(2, '0');
    return s;
  }

  private resize(records: number): void {
    this.idBuffer.resize(12 * records);
    this.printBuffer.resize(2 * PRINT_FIELDS * records);
  }
}

function fingerprint(r: PreparedRecord): number[] {
  const h = (s: string | undefined) => (s ? (hash16(s) || 1) : 0);
  return [h(r.dob?.digits), h(r.firstCodes[0]), h(r.lastCodes[0]), h(r.postcode), h(r.houseNumber && `${r.houseNumber} ${r.streetName}`)];
}

function hash16(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) & 0xffff;
}
