import { describe, expect, it } from 'vitest';
import { SimulatedContactStore } from './simulated-contact-store';

describe('SimulatedContactStore', () => {
  it('reads back every row it holds, written or still pending, and knows which rows it does not hold', () => {
    const store = new SimulatedContactStore();
    const json = (row: number) => JSON.stringify({ id: `r${row}`, firstName: row % 7 ? `Zoë ${row}` : '名前', lastName: 'x'.repeat(row % 300) });
    try {
      for (let row = 2; row < 40_000; row += 3) {
        store.set(row, json(row));
        if (row % 999 === 2) expect(store.get(row)).toBe(json(row)); // just set: still in the pending buffer
      }
      store.set(1_500_000, json(1_500_000)); // far past the rows seen so far
      for (let row = 2; row < 40_000; row += 3) expect(store.get(row)).toBe(json(row));
      expect(store.get(1_500_000)).toBe(json(1_500_000));
      expect(store.has(3)).toBe(false);
      expect(store.get(4)).toBeUndefined();
      expect(store.get(-1)).toBeUndefined();
      expect(store.has(2_000_000)).toBe(false);
    } finally {
      store.close();
    }
  });
});
