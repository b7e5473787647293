import { compareBirthDates, compareEmails, compareExact, compareMiddleNames, comparePhones, comparePostcodes, compareText, type Comparator, type Finding } from './compare-fields';
import type { PreparedRecord } from './match-record';
import { levelWeight, type MatchWeights } from './match-weights';
import type { ScoringContext } from './score-pair';

type Check = [Comparator, (a: PreparedRecord, b: PreparedRecord) => Finding | null];

// Cheapest first (equality of normalized values), string similarity later;
// the names (with their swapped reading) are left to the full comparison.
const CHECKS: Check[] = [
  ['dateOfBirth', (a, b) => compareBirthDates(a.dob, b.dob)],
  ['postcode', (a, b) => comparePostcodes(a.postcode, b.postcode)],
  ['phone', (a, b) => comparePhones(a.phones, b.phones)],
  ['email', (a, b) => compareEmails(a.emails, b.emails)],
  ['state', (a, b) => compareExact(a.state, b.state, ['same', 'different'])],
  ['country', (a, b) => compareExact(a.country, b.country, ['same', 'different'])],
  ['houseNumber', (a, b) => compareExact(a.houseNumber, b.houseNumber, ['same', 'different'])],
  ['middleName', (a, b) => compareMiddleNames(a.middle, b.middle)],
  ['city', (a, b) => compareText(a.city, b.city)],
  ['streetName', (a, b) => compareText(a.streetName, b.streetName)],
];
const UNCHECKED: Comparator[] = ['firstName', 'lastName'];

type Bounds = { likelyBits: number; maxBits: Map<Comparator, number>; groupOf: Map<Comparator, number>; caps: number[] };
const boundsCache = new WeakMap<MatchWeights, Bounds>();

function boundsOf(weights: MatchWeights): Bounds {
  let b = boundsCache.get(weights);
  if (b) return b;
  const maxBits = new Map<Comparator, number>();
  for (const [comparator, levels] of Object.entries(weights.levels) as [Comparator, Record<string, unknown>][]) {
    maxBits.set(comparator, Math.max(0, ...Object.keys(levels).map((level) => levelWeight(weights, comparator, level))));
  }
  const groupOf = new Map<Comparator, number>();
  const caps: number[] = [];
  for (const g of Object.values(weights.groups ?? {})) {
    for (const c of g.comparators) groupOf.set(c, caps.length);
    caps.push(g.maxWeight);
  }
  const p = weights.thresholds.likely;
  b = { likelyBits: Math.log2(p / (1 - p)) - weights.priorLog2Odds, maxBits, groupOf, caps };
  boundsCache.set(weights, b);
  return b;
}

/**
 * Whether a pair can still reach "likely": compares the cheap fields first
 * and stops as soon as even the best outcome of the fields not yet compared
 * (within the household cap) cannot lift the evidence to the threshold.
 * An upper bound, never a verdict: a pair it lets through is scored in
 * full by the same comparators and weights. Most candidate pairs of a sweep
 * (two John Smiths born years apart in other towns) stop after a few
 * equality checks, without any string similarity.
 */
export function couldBeLikely(a: PreparedRecord, b: PreparedRecord, ctx: ScoringContext): boolean {
  const bounds = boundsOf(ctx.weights);
  let free = 0;
  let freeLeft = 0;
  const groupPositive = bounds.caps.map(() => 0);
  const groupLeft = bounds.caps.map(() => 0);
  const left = (c: Comparator) => {
    const g = bounds.groupOf.get(c);
    if (g === undefined) freeLeft += bounds.maxBits.get(c) ?? 0;
    else groupLeft[g]! += bounds.maxBits.get(c) ?? 0;
  };
  for (const c of UNCHECKED) left(c);
  for (const [c] of CHECKS) left(c);
  for (const [comparator, compare] of CHECKS) {
    const g = bounds.groupOf.get(comparator);
    const max = bounds.maxBits.get(comparator) ?? 0;
    if (g === undefined) freeLeft -= max;
    else groupLeft[g]! -= max;
    const finding = compare(a, b);
    if (finding) {
      const bits = levelWeight(ctx.weights, comparator, finding.level);
      // As in totalWeight: a group's agreement is capped, its disagreement is not.
      if (g !== undefined && bits > 0) groupPositive[g]! += bits;
      else free += bits;
    }
    let best = free + freeLeft;
    for (let k = 0; k < bounds.caps.length; k++) best += Math.min(bounds.caps[k]!, groupPositive[k]! + groupLeft[k]!);
    if (best < bounds.likelyBits) return false;
  }
  return true;
}
