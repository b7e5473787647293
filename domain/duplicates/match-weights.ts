import type { Comparator } from './compare-fields';

/** m = P(level | same person), u = P(level | different people), per comparator level. */
export type LevelWeights = { m: number; u: number };

export type MatchWeights = {
  /** Log2 prior odds that two compared records are one person, before any evidence. */
  priorLog2Odds: number;
  /** Probabilities at or above which a pair is a likely / possible duplicate. */
  thresholds: { likely: number; possible: number };
  levels: Record<Comparator, Record<string, LevelWeights>>;
  /** Comparators whose agreement is correlated; their positive evidence together is capped. */
  groups?: Record<string, { comparators: Comparator[]; maxWeight: number }>;
  /** Where the numbers came from, for whoever reads the file. */
  provenance?: Record<string, string>;
};

/** Evidence in bits: log2(m/u). Positive for agreement, negative for disagreement. */
export function levelWeight(weights: MatchWeights, comparator: Comparator, level: string): number {
  // Memoized per weights object: the sweep asks this tens of millions of times.
  let table = bitsCache.get(weights);
  if (!table) bitsCache.set(weights, (table = new Map()));
  let levels = table.get(comparator);
  if (!levels) table.set(comparator, (levels = new Map()));
  let bits = levels.get(level);
  if (bits === undefined) {
    const w = weights.levels[comparator]?.[level];
    bits = w ? Math.log2(w.m / w.u) : 0;
    levels.set(level, bits);
  }
  return bits;
}
const bitsCache = new WeakMap<MatchWeights, Map<Comparator, Map<string, number>>>();
