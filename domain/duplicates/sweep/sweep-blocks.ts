import { blockingKeys } from '../blocking-keys';
import type { PreparedRecord } from '../match-record';

// A blocking key shared by more records than this is skipped (a very common
// surname); sorted neighbourhood and the other keys still reach its pairs.
export const MAX_BLOCK = 200;
export const SORTED_NEIGHBOURHOOD_WINDOW = 4;

/**
 * The candidate-pair structure of a sweep, in typed arrays (a million
 * contacts file about ten million keys; strings in a Map would take GBs):
 * the usable blocks (records sharing a blocking key, 2 to MAX_BLOCK of
 * them) in compressed rows, each record's blocks in ascending order, and
 * the sorted-neighbourhood order of the records.
 *
 * Every candidate pair has exactly one owner, so partitions never score a
 * pair twice: the lowest-numbered block both records are in, or, for pairs
 * that share no block, the sorted-neighbourhood position of the first.
 */
export type SweepBlocks = {
  count: number;
  blockStart: Int32Array;
  blockMembers: Int32Array;
  recordStart: Int32Array;
  recordBlocks: Int32Array;
  snOrder: Int32Array;
  snPosition: Int32Array;
  window: number;
};

export function buildSweepBlocks(records: PreparedRecord[], o: { maxBlock?: number; window?: number } = {}): SweepBlocks {
  const n = records.length;
  const maxBlock = o.maxBlock ?? MAX_BLOCK;
  // Key hash and record index packed into one exact float64, so one native sort groups the blocks.
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashBits = 53 - indexBits;
  const indexScale = 2 ** indexBits;
  let codes = new Float64Array(Math.max(16, n * 8));
  let used = 0;
  for (let i = 0; i < n; i++) {
    for (const key of new Set(blockingKeys(records[i]!))) {
      if (used === codes.length) {
        const grown = new Float64Array(codes.length * 2);
        grown.set(codes);
        codes = grown;
      }
      codes[used++] = keyHash(key, hashBits) * indexScale + i;
    }
  }
  const sorted = codes.subarray(0, used).sort();
  const starts: number[] = [0];
  const members: number[] = [];
  for (let x = 0; x < used; ) {
    const hash = Math.floor(sorted[x]! / indexScale);
    let y = x + 1;
    while (y < used && Math.floor(sorted[y]! / indexScale) === hash) y++;
    if (y - x >= 2 && y - x <= maxBlock) {
      for (let k = x; k < y; k++) members.push(sorted[k]! - hash * indexScale);
      starts.push(members.length);
    }
    x = y;
  }
  codes = new Float64Array(0);
  const blockStart = Int32Array.from(starts);
  const blockMembers = Int32Array.from(members);
  const count = blockStart.length - 1;
  const recordStart = new Int32Array(n + 1);
  for (const m of blockMembers) recordStart[m + 1] = recordStart[m + 1]! + 1;
  for (let i = 0; i < n; i++) recordStart[i + 1] = recordStart[i + 1]! + recordStart[i]!;
  const fill = recordStart.slice(0, n);
  const recordBlocks = new Int32Array(blockMembers.length);
  for (let b = 0; b < count; b++) for (let k = blockStart[b]!; k < blockStart[b + 1]!; k++) {
      const m = blockMembers[k]!;
      recordBlocks[fill[m]!] = b;
      fill[m] = fill[m]! + 1;
    }

  const { order, position } = sortedNeighbourhoodOrder(records);
  return { count, blockStart, blockMembers, recordStart, recordBlocks, snOrder: order, snPosition: position, window: o.window ?? SORTED_NEIGHBOURHOOD_WINDOW };
}

/** Records sorted by surname then first name (no spaces): a typo that changes a phonetic code still sorts near. */
function sortedNeighbourhoodOrder(records: PreparedRecord[]): { order: Int32Array; position: Int32Array } {
  const keyed: { i: number; key: string }[] = [];
  records.forEach((r, i) => {
    const key = `${r.last.replace(/ /g, '')}|${r.first}`;
    if (key.length > 1) keyed.push({ i, key });
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const order = Int32Array.from(keyed, (k) => k.i);
  const position = new Int32Array(records.length).fill(-1);
  order.forEach((i, p) => (position[i] = p));
  return { order, position };
}

/** The lowest block both records are in, or -1. */
export function firstSharedBlock(s: SweepBlocks, a: number, b: number): number {
  let x = s.recordStart[a]!;
  let y = s.recordStart[b]!;
  const xe = s.recordStart[a + 1]!;
  const ye = s.recordStart[b + 1]!;
  while (x < xe && y < ye) {
    const bx = s.recordBlocks[x]!;
    const by = s.recordBlocks[y]!;
    if (bx === by) return bx;
    if (bx < by) x++;
    else y++;
  }
  return -1;
}

/** Whether the pair reaches scoring at all (for the blocking's pair completeness). */
export function isCandidatePair(s: SweepBlocks, a: number, b: number): boolean {
  if (firstSharedBlock(s, a, b) >= 0) return true;
  const pa = s.snPosition[a]!;
  const pb = s.snPosition[b]!;
  return pa >= 0 && pb >= 0 && Math.abs(pa - pb) < s.window;
}

/** A partition's work as numbered steps: its blocks (every partitions-th), then its slice of the sorted-neighbourhood order. */
export function partitionSteps(s: SweepBlocks, partition: number, partitions: number): { blocks: number; snFrom: number; snTo: number; total: number } {
  const blocks = partition < s.count ? Math.ceil((s.count - partition) / partitions) : 0;
  const snFrom = Math.floor((partition * s.snOrder.length) / partitions);
  const snTo = Math.floor(((partition + 1) * s.snOrder.length) / partitions);
  return { blocks, snFrom, snTo, total: blocks + (snTo - snFrom) };
}

/**
 * Visits the candidate pairs this partition owns, steps [fromStep, toStep),
 * each once, as (lower index, higher index). A checkpoint is a step number.
 */
export function forEachOwnedPair(s: SweepBlocks, partition: number, partitions: number, fromStep: number, toStep: number, visit: (a: number, b: number) => void): void {
  const steps = partitionSteps(s, partition, partitions);
  const end = Math.min(toStep, steps.total);
  for (let step = fromStep; step < end; step++) {
    if (step < steps.blocks) {
      const block = partition + step * partitions;
      const from = s.blockStart[block]!;
      const to = s.blockStart[block + 1]!;
      for (let x = from; x < to; x++) {
        for (let y = x + 1; y < to; y++) {
          const a = Math.min(s.blockMembers[x]!, s.blockMembers[y]!);
          const b = Math.max(s.blockMembers[x]!, s.blockMembers[y]!);
          if (firstSharedBlock(s, a, b) === block) visit(a, b);
        }
      }
    } else {
      const x = steps.snFrom + (step - steps.blocks);
      for (let y = x + 1; y < Math.min(s.snOrder.length, x + s.window); y++) {
        const a = Math.min(s.snOrder[x]!, s.snOrder[y]!);
        const b = Math.max(s.snOrder[x]!, s.snOrder[y]!);
        if (firstSharedBlock(s, a, b) < 0) visit(a, b);
      }
    }
  }
}

/** FNV-1a and a second multiplicative hash, cut to `bits` (up to 52): collisions only merge two small blocks. */
function keyHash(key: string, bits: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const high = h1 >>> 0;
  if (bits <= 32) return high >>> (32 - bits);
  return high * 2 ** (bits - 32) + ((h2 >>> 0) >>> (64 - bits));
}
