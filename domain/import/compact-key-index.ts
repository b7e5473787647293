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

/**
 * A multimap from 32-bit key hashes to record slots in typed arrays: about
 * 8 bytes per (key, record) pair instead of the ~100 a Map of arrays costs.
 * New pairs go to a small tail; past TAIL_LIMIT the tail is sorted and
 * merged into the sorted main arrays. Two keys with the same hash share a
 * block; that only adds candidates, which are scored exactly later.
 */
export class CompactKeyIndex {
  private hashes = new Uint32Array(0);
  private slots = new Uint32Array(0);
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
    while (end < this.hashes.length && this.hashes[end] === hash) end++;
    const extra = this.tail.get(hash);
    const count = end - start + (extra?.length ?? 0);
    if (count > limit) return count;
    for (let i = start; i < end; i++) out.push(this.slots[i]!);
    if (extra) out.push(...extra);
    return count;
  }

  get size(): number {
    return this.hashes.length + this.tailSize;
  }

  /** Folds the tail into the sorted arrays (a merge of two sorted runs). */
  compact(): void {
    if (!this.tailSize) return;
    const tailHashes = [...this.tail.keys()].sort((a, b) => a - b);
    const n = this.hashes.length + this.tailSize;
    const hashes = new Uint32Array(n);
    const slots = new Uint32Array(n);
    let i = 0;
    let k = 0;
    for (const h of tailHashes) {
      while (i < this.hashes.length && this.hashes[i]! <= h) {
        hashes[k] = this.hashes[i]!;
        slots[k++] = this.slots[i++]!;
      }
      for (const s of this.tail.get(h)!) {
        hashes[k] = h;
        slots[k++] = s;
      }
    }
    while (i < this.hashes.length) {
      hashes[k] = this.hashes[i]!;
      slots[k++] = this.slots[i++]!;
    }
    this.hashes = hashes;
    this.slots = slots;
    this.tail = new Map();
    this.tailSize = 0;
  }

  private lowerBound(hash: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hashes[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
