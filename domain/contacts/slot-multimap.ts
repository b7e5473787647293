const EMPTY = -1;
const DELETED = -2;
const MAX_LOAD = 0.8;
const GROWTH = 1.4; // a resize makes room for 40% more entries than are live

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function hashString(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * String keys to slot numbers (rows of a column store), many slots per key,
 * in two typed arrays: a key's hash and its slot, open addressing with
 * linear probing. The keys themselves are not kept: `holds(slot, key)` asks
 * the store, so a hash collision is filtered out on look-up. A JS Map of a
 * million phone keys held its own copy of every key string and about 50
 * bytes of table per entry; this holds 8 bytes an entry (at most 80% full).
 * The table's size is not a power of two, so it grows by 40% rather than
 * doubling (2.5 million phone keys would have taken an 8M-entry table).
 */
export class SlotMultimap {
  private hashes = new Uint32Array(16);
  private slots = new Int32Array(16).fill(EMPTY);
  private filled = 0; // entries in use, deleted ones included (they lengthen probes until the next resize)
  private live = 0;

  constructor(private readonly holds: (slot: number, key: string) => boolean) {}

  get size(): number {
    return this.live;
  }

  clear(capacityFor = 0): void {
    const capacity = tableSize(capacityFor);
    this.hashes = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.filled = 0;
    this.live = 0;
  }

  add(key: string, slot: number): void {
    if ((this.filled + 1) > this.slots.length * MAX_LOAD) this.resize();
    const h = hashString(key);
    const size = this.slots.length;
    let i = h % size;
    let reuse = -1;
    for (let s = this.slots[i]!; s !== EMPTY; i = next(i, size), s = this.slots[i]!) {
      if (s === DELETED) {
        if (reuse < 0) reuse = i;
      } else if (s === slot && this.hashes[i] === h) return; // already filed
    }
    if (reuse >= 0) i = reuse;
    else this.filled++;
    this.hashes[i] = h;
    this.slots[i] = slot;
    this.live++;
  }

  remove(key: string, slot: number): void {
    const h = hashString(key);
    const size = this.slots.length;
    for (let i = h % size, s = this.slots[i]!; s !== EMPTY; i = next(i, size), s = this.slots[i]!) {
      if (s === slot && this.hashes[i] === h) {
        this.slots[i] = DELETED;
        this.live--;
        return;
      }
    }
  }

  /** Every slot filed under the key. */
  get(key: string): number[] {
    const out: number[] = [];
    const h = hashString(key);
    const size = this.slots.length;
    for (let i = h % size, s = this.slots[i]!; s !== EMPTY; i = next(i, size), s = this.slots[i]!) {
      if (s >= 0 && this.hashes[i] === h && this.holds(s, key)) out.push(s);
    }
    return out;
  }

  /** One slot filed under the key, or -1 (for keys held by one slot at most: ids). */
  first(key: string): number {
    const h = hashString(key);
    const size = this.slots.length;
    for (let i = h % size, s = this.slots[i]!; s !== EMPTY; i = next(i, size), s = this.slots[i]!) {
      if (s >= 0 && this.hashes[i] === h && this.holds(s, key)) return s;
    }
    return -1;
  }

  private resize(): void {
    const oldHashes = this.hashes;
    const oldSlots = this.slots;
    this.clear(Math.ceil(this.live * GROWTH) + 8);
    const size = this.slots.length;
    for (let j = 0; j < oldSlots.length; j++) {
      const s = oldSlots[j]!;
      if (s < 0) continue;
      const h = oldHashes[j]!;
      let i = h % size;
      while (this.slots[i] !== EMPTY) i = next(i, size);
      this.hashes[i] = h;
      this.slots[i] = s;
    }
    this.filled = this.live = oldSlots.reduce((n, s) => (s >= 0 ? n + 1 : n), 0);
  }
}

/** A table size that holds `entries` under the load limit. */
function tableSize(entries: number): number {
  return Math.max(16, Math.ceil((entries + 1) / MAX_LOAD) + 1);
}

const next = (i: number, size: number) => (i + 1 === size ? 0 : i + 1);
