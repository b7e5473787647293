import { blockingKeys } from './blocking-keys';
import type { PreparedRecord } from './match-record';
import { scorePair, type PairScore, type ScoringContext } from './score-pair';

export type ScoredPair = { a: number; b: number; result: PairScore };

// A key shared by more records than this (a common surname in a big file)
// says little; its pairs are still reached through the other keys.
const MAX_BLOCK = 400;

/** Candidate pairs (indexes into records, a < b) from the blocking keys, each once. */
export function candidatePairs(records: PreparedRecord[]): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const key of blockingKeys(r)) (blocks.get(key) ?? blocks.set(key, []).get(key)!).push(i);
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = records.length;
  for (const members of blocks.values()) {
    if (members.length < 2 || members.length > MAX_BLOCK) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = Math.min(members[x]!, members[y]!);
        const b = Math.max(members[x]!, members[y]!);
        const code = a * n + b;
        if (seen.has(code)) continue;
        seen.add(code);
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** Scores every candidate pair and keeps those at or above the "possible" band. */
export function findDuplicatePairs(records: PreparedRecord[], ctx: ScoringContext, minBand: 'likely' | 'possible' = 'possible'): ScoredPair[] {
  const out: ScoredPair[] = [];
  for (const [a, b] of candidatePairs(records)) {
    const result = scorePair(records[a]!, records[b]!, ctx);
    if (result.band === 'likely' || (minBand === 'possible' && result.band === 'possible')) out.push({ a, b, result });
  }
  return out;
}
