/** How two slots (rows of a column store) are ordered, and a slot against a key. */
export type SlotOrder<Key> = { compare: (a: number, b: number) => number; compareKey: (slot: number, key: Key) => number };

/**
 * Slot numbers in an order the caller defines, in a growable Int32Array:
 * 4 bytes an entry where an array of row objects held 8, and an insert or
 * removal is one native memmove.
 */
export class SlotList {
  private items: Int32Array;
  private count = 0;

  constructor(capacity = 4) {
    this.items = new Int32Array(Math.max(capacity, 4));
  }

  /** A list of these slots as they are (already in order). */
  static of(slots: Int32Array, count = slots.length): SlotList {
    const list = new SlotList(0);
    list.items = slots;
    list.count = count;
    return list;
  }

  get length(): number {
    return this.count;
  }

  /** The slots in order, as a view valid until the list next changes. */
  view(): Int32Array {
    return this.items.subarray(0, this.count);
  }

  push(slot: number): void {
    if (this.count === this.items.length) this.grow(this.count + 1);
    this.items[this.count++] = slot;
  }

  insertAt(at: number, slot: number): void {
    if (this.count === this.items.length) this.grow(this.count + 1);
    this.items.copyWithin(at + 1, at, this.count);
    this.items[at] = slot;
    this.count++;
  }

  removeAt(at: number): void {
    this.items.copyWithin(at, at + 1, this.count);
    this.count--;
  }

  /** Trims the spare room a build's pushes left (a million rows' lists grown by half held a third more). */
  trim(): void {
    if (this.items.length > this.count + 4) this.items = this.items.slice(0, Math.max(this.count, 4));
  }

  private grow(needed: number): void {
    const bigger = new Int32Array(Math.max(needed, Math.ceil(this.items.length * 1.5), 4));
    bigger.set(this.items.subarray(0, this.count));
    this.items = bigger;
  }
}

/** The first position in `list` (from `lo`) whose slot is not before `key`. */
export function lowerBound<Key>(list: Int32Array, key: Key, order: SlotOrder<Key>, lo = 0): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.compareKey(list[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in `list` whose slot is after `key`. */
export function upperBound<Key>(list: Int32Array, key: Key, order: SlotOrder<Key>): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.compareKey(list[mid]!, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `list` without the slots `gone` and with the slots `incoming` (sorted),
 * in one pass: each slot finds its place by binary search and the runs
 * between are copied natively. A catch-up chunk of 200 rows into a million
 * costs the chunk's searches and one copy, not a splice per row. The slots
 * in `gone` must still hold their values (their place is found by them).
 */
export function mergeSlots(list: SlotList, gone: readonly number[], incoming: Int32Array, compare: (a: number, b: number) => number): SlotList {
  const items = list.view();
  const bySlot: SlotOrder<number> = { compare, compareKey: compare };
  const positions: number[] = [];
  for (const slot of gone) {
    // Keys cannot repeat (the id is part of them), so a slot is at its lower bound or not in the list.
    const at = lowerBound(items, slot, bySlot);
    if (items[at] === slot) positions.push(at);
  }
  if (!positions.length && !incoming.length) return list;
  positions.sort((x, y) => x - y);
  const out = new Int32Array(items.length - positions.length + incoming.length + 4);
  let k = 0;
  let from = 0;
  let p = 0;
  // Walk the old list once: skip removed positions, drop incoming slots in where they belong.
  const copyUpTo = (end: number) => {
    while (from < end) {
      const stop = p < positions.length && positions[p]! < end ? positions[p]! : end;
      out.set(items.subarray(from, stop), k);
      k += stop - from;
      from = stop;
      if (p < positions.length && positions[p] === from) {
        from++;
        p++;
      }
    }
  };
  for (const slot of incoming) {
    const at = lowerBound(items, slot, bySlot, from);
    copyUpTo(at);
    out[k++] = slot;
  }
  copyUpTo(items.length);
  return SlotList.of(out, k);
}
