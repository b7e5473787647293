import { describe, expect, it } from 'vitest';
import { SlotMultimap } from './slot-multimap';
import { SlotList, mergeSlots } from './slot-list';

describe('SlotMultimap', () => {
  it('files many slots under a key, removes one, and grows without losing any', () => {
    const keysOf = new Map<number, string[]>();
    const map = new SlotMultimap((slot, key) => keysOf.get(slot)?.includes(key) ?? false);
    for (let slot = 0; slot < 20_000; slot++) {
      const keys = [`k${slot % 5000}`, `own${slot}`];
      keysOf.set(slot, keys);
      for (const k of keys) map.add(k, slot);
    }
    map.add('k7', 7); // filed twice: still once
    expect(map.size).toBe(40_000);
    expect(map.get('k7').sort((a, b) => a - b)).toEqual([7, 5007, 10_007, 15_007]);
    expect(map.first('own12345')).toBe(12_345);
    map.remove('k7', 5007);
    expect(map.get('k7').sort((a, b) => a - b)).toEqual([7, 10_007, 15_007]);
    expect(map.get('nobody')).toEqual([]);
    expect(map.first('nobody')).toBe(-1);
  });

  it('reuses the room of removed entries and answers through long churn', () => {
    const ids: string[] = [];
    const map = new SlotMultimap((slot, key) => ids[slot] === key);
    for (let round = 0; round < 50; round++) {
      for (let slot = 0; slot < 1000; slot++) {
        if (ids[slot]) map.remove(ids[slot]!, slot);
        ids[slot] = `r${round}-${slot}`;
        map.add(ids[slot]!, slot);
      }
    }
    expect(map.size).toBe(1000);
    expect(map.first('r49-999')).toBe(999);
    expect(map.first('r48-999')).toBe(-1); // an old id names no one, though its hash was filed once
  });

  it('does not return a slot whose key only shares a hash', () => {
    // The store says which keys a slot holds: a look-up never trusts the hash alone.
    const map = new SlotMultimap(() => false);
    map.add('a', 1);
    expect(map.get('a')).toEqual([]);
  });
});

describe('mergeSlots', () => {
  it('removes and inserts in one pass, keeping the order', () => {
    const values = [50, 10, 40, 20, 30, 35, 5, 60]; // slot -> its sort value
    const compare = (a: number, b: number) => values[a]! - values[b]!;
    const list = SlotList.of(Int32Array.from([6, 1, 3, 4, 2, 0])); // 5 10 20 30 40 50
    const merged = mergeSlots(list, [3, 6], Int32Array.from([5, 7]), compare); // drop 20 and 5, add 35 and 60
    expect([...merged.view()].map((s) => values[s])).toEqual([10, 30, 35, 40, 50, 60]);
    expect(mergeSlots(list, [], new Int32Array(0), compare)).toBe(list);
    const front = mergeSlots(SlotList.of(Int32Array.from([1, 4])), [1], Int32Array.from([6]), compare); // 10 30 → 5 30
    expect([...front.view()].map((s) => values[s])).toEqual([5, 30]);
  });
});
