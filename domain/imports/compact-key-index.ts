/** FNV-1a, 32 bits: blocking keys are filed by this hash, not by the string (a million contacts have ~10 million keys). */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Pairs collected in the tail before it is merged into the sorted arrays; below 2^18, so a tail
// position fits beside a 32-bit hash in one float64 when the tail is sorted.
const TAIL_LIMIT = 200_000;
const TAIL_INDEX_BITS = 2 ** 18;
// The tail's hash table: open addressing, a power of two above twice the tail's size.
const TABLE_SIZE = 1 << 19;
const TABLE_MASK = TABLE_SIZE - 1;
const NONE = -1;
// Reserved address space for each array, not memory: the arrays grow in place up to it (~270 million pairs).
const MAX_BYTES = 1024 * 1024 * 1024;

/**
 * A multimap from 32-bit key hashes to record slots in typed arrays: about
 * 8 bytes per (key, record) pair instead of the ~100 a Map of arrays costs.
 * New pairs go to a small tail (typed arrays too, chained per hash through
 * an open-addressing table, so a million imported rows leave no garbage
 * behind); past TAIL_LIMIT the tail is sorted and merged into the sorted
 * main arrays in place (they grow inside resizable buffers, so a merge never
 * holds two copies). Two keys with the same hash share a block; that only
 * adds candidates, which are scored exactly later.
 */
export class CompactKeyIndex {
  private readonly hashBuffer = new ArrayBuffer(0, { maxByteLength: MAX_BYTES });
  private readonly slotBuffer = new ArrayBuffer(0, { maxByteLength: MAX_BYTES });
  private readonly hashes = new Uint32Array(this.hashBuffer);
  private readonly slots = new Uint32Array(this.slotBuffer);
  private length = 0;
  private readonly tailHashes = new Uint32Array(TAIL_LIMIT);
  private readonly tailSlots = new Uint32Array(TAIL_LIMIT);
  /** For each tail pair, the tail pair filed before it under the same hash (NONE for the first). */
  private readonly tailPrevious = new Int32Array(TAIL_LIMIT);
  private readonly tableHashes = new Uint32Array(TABLE_SIZE);
  /** The last tail pair filed under the hash at the same table position; NONE: a free position. */
  private readonly tableLast = new Int32Array(TABLE_SIZE).fill(NONE);
  private tailSize = 0;

  add(hash: number, slot: number): void {
    const at = this.tablePosition(hash);
    const i = this.tailSize++;
    this.tailHashes[i] = hash;
    this.tailSlots[i] = slot;
    this.tailPrevious[i] = this.tableLast[at]!;
    this.tableHashes[at] = hash;
    this.tableLast[at] = i;
    if (this.tailSize >= TAIL_LIMIT) this.compact();
  }

  /** The slots filed under a hash; when there are more than `limit`, only the count (the block is too common to use). */
  lookup(hash: number, limit: number, out: number[]): number {
    const start = this.lowerBound(hash);
    let end = start;
    while (end < this.length && this.hashes[end] === hash) end++;
    const last = this.tailSize ? this.tableLast[this.tablePosition(hash)]! : NONE;
    let count = end - start;
    for (let i = last; i !== NONE; i = this.tailPrevious[i]!) count++;
    if (count > limit) return count;
    for (let i = start; i < end; i++) out.push(this.slots[i]!);
    const from = out.length;
    for (let i = last; i !== NONE; i = this.tailPrevious[i]!) out.push(this.tailSlots[i]!);
    reverseFrom(out, from); // in the order they were filed, as they will be once merged
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
    // Each tail pair as hash * 2^18 + position: one native numeric sort orders them by hash, then as filed.
    const order = new Float64Array(this.tailSize);
    for (let i = 0; i < this.tailSize; i++) order[i] = this.tailHashes[i]! * TAIL_INDEX_BITS + i;
    order.sort();
    const n = this.length + this.tailSize;
    this.hashBuffer.resize(n * 4);
    this.slotBuffer.resize(n * 4);
    let i = this.length - 1;
    let k = n - 1;
    for (let j = order.length - 1; j >= 0; j--) {
      const h = Math.floor(order[j]! / TAIL_INDEX_BITS);
      // Main pairs with a larger hash go behind; equal hashes stay before the tail's (they were filed first).
      while (i >= 0 && this.hashes[i]! > h) {
        this.hashes[k] = this.hashes[i]!;
        this.slots[k--] = this.slots[i--]!;
      }
      this.hashes[k] = h;
      this.slots[k--] = this.tailSlots[order[j]! % TAIL_INDEX_BITS]!;
    }
    this.length = n;
    this.tailSize = 0;
    this.tableLast.fill(NONE);
  }

  /** Where a hash is (or would go) in the tail's table: linear probing from a mixed hash. */
  private tablePosition(hash: number): number {
    let at = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) & TABLE_MASK;
    while (this.tableLast[at] !== NONE && this.tableHashes[at] !== hash) at = (at + 1) & TABLE_MASK;
    return at;
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

function reverseFrom(list: number[], from: number): void {
  for (let a = from, b = list.length - 1; a < b; a++, b--) {
    const t = list[a]!;
    list[a] = list[b]!;
    list[b] = t;
  }
}
