/** FNV-1a, 32 bits: blocking keys are filed by this hash, not by the string (a million contacts have ~10 million keys). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TAIL_LIMIT = 200_000;
// Reserved address space for each array, not memory: the arrays grow in place up to it (~270 million pairs).
const MAX_BYTES = 1024 * 1024 * 1024;

/**
 * A multimap from 32-bit key hashes to record slots in typed arrays: about
 * 8 bytes per (key, record) pair instead of the ~100 a Map of arrays costs.
 * New pairs go to a small tail; past TAIL_LIMIT the tail is sorted and
 * merged into the sorted main arrays in place (they grow inside resizable
 * buffers, so a merge never holds two copies). Two keys with the same hash
 * share a block; that only adds candidates, which are scored exactly later.
 */
export class CompactKeyIndex {
  private readonly hashBuffer = new ArrayBuffer(0, { maxByteLength: MAX_BYTES });
  private readonly slotBuffer = new ArrayBuffer(0, { maxByteLength: MAX_BYTES });
  private readonly hashes = new Uint32Array(this.hashBuffer);
  private readonly slots = new Uint32Array(this.slotBuffer);
  private length = 0;
  private tail = new Map<number, number[]>();
  private tailSize = 0;

  add(hash: number, slot: number): void {
    const list = this.tail.get(hash);
    if (list) list.push(slot);
    else this.tail.set(hash, [slot]);
    if (++this.tailSize >= TAIL_LIMIT) this.compact();
  }

  /** The slots filed under a hash; when there are more than `limit`, only the count (the block is too common to use). */
  lookup(hash: number, limit: number, out: number[]): number {
    const start = this.lowerBound(hash);
    let end = start;
    while (end < this.length && this.hashes[end] === hash) end++;
    const extra = this.tail.get(hash);
    const count = end - start + (extra?.length ?? 0);
    if (count > limit) return count;
    for (let i = start; i < end; i++) out.push(this.slots[i]!);
    if (extra) out.push(...extra);
    return count;
  }

  get size(): number {
    return this.length + this.tailSize;
  }

  /** The sorted (hash, slot) pairs, tail folded in first: what a snapshot saves. Views, not copies. */
  sortedPairs(): { hashes: Uint32Array; slots: Uint32Array } {
    this.compact();
    return { hashes: this.hashes.subarray(0, this.length), slots: this.slots.subarray(0, this.length) };
  }

  /** Makes room for `n` sorted pairs and hands out the arrays to fill (a snapshot is read straight into them). */
  reserveSorted(n: number): { hashes: Uint32Array; slots: Uint32Array } {
    if (this.size) throw new Error('reserveSorted needs an empty index');
    this.hashBuffer.resize(n * 4);
    this.slotBuffer.resize(n * 4);
    this.length = n;
    return { hashes: this.hashes.subarray(0, n), slots: this.slots.subarray(0, n) };
  }

  /** Folds the tail into the sorted arrays: grows them, then merges from the back. */
  compact(): void {
    if (!this.tailSize) return;
    const tailHashes = [...this.tail.keys()].sort((a, b) => b - a); // largest first: the merge runs from the back
    const n = this.length + this.tailSize;
    this.hashBuffer.resize(n * 4);
    this.slotBuffer.resize(n * 4);
    let i = this.length - 1;
    let k = n - 1;
    for (const h of tailHashes) {
      while (i >= 0 && this.hashes[i]! > h) {
        this.hashes[k] = this.hashes[i]!;
        this.slots[k--] = this.slots[i--]!;
      }
      const list = this.tail.get(h)!;
      for (let j = list.length - 1; j >= 0; j--) {
        this.hashes[k] = h;
        this.slots[k--] = list[j]!;
      }
    }
    this.length = n;
    this.tail = new Map();
    this.tailSize = 0;
  }

  private lowerBound(hash: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hashes[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
