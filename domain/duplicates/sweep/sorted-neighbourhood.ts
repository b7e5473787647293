import type { PreparedRecord } from '../match-record';

/**
 * Sorted neighbourhood: sorts records by a name key and pairs each with the
 * next `window - 1` records. It catches what exact blocking keys miss (a
 * surname typo that changes its phonetic code) at a fixed cost per record.
 */
export function sortedNeighbourhoodPairs(records: PreparedRecord[], window = 4): Array<[number, number]> {
  const keyed = records.map((r, i) => ({ i, key: `${r.last.replace(/ /g, '')}|${r.first}` })).filter((k) => k.key.length > 1);
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const pairs: Array<[number, number]> = [];
  for (let x = 0; x < keyed.length; x++) {
    for (let y = x + 1; y < Math.min(keyed.length, x + window); y++) {
      const a = keyed[x]!.i;
      const b = keyed[y]!.i;
      pairs.push(a < b ? [a, b] : [b, a]);
    }
  }
  return pairs;
}
