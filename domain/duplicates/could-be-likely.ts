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
  ['state', (a, b) => compareExact(a.state, b.state, ['same', 'different'])],
  ['country', (a, b) => compareExact(a.country, b.country, ['same', 'different'])],
  ['houseNumber', (a, b) => compareExact(a.houseNumber, b.houseNumber, ['same', 'different'])],
  ['middleName', (a, b) => compareMiddleNames(a.middle, b.middle)],
  ['phone', (a, b) => comparePhones(a.phones, b.phones)],
  ['email', (a, b) => compareEmails(a.emails, b.emails)],
  ['city', (a, b) => compareText(a.city, b.city)],
  ['streetName', (a, b) => compareText(a.streetName, b.streetName)],
];
const UNCHECKED: Comparator[] = ['firstName', 'lastName'];

/** Per weights object: the threshold, and for each check its best weight and capped group, in CHECKS order. */
type Bounds = { likelyBits: number; best: Float64Array; group: Int32Array; caps: Float64Array; freeLeft: number; groupLeft: Float64Array };
const boundsCache = new WeakMap<MatchWeights, Bounds>();

function boundsOf(weights: MatchWeights): Bounds {
  let b = boundsCache.get(weights);
  if (b) return b;
  const bestOf = (c: Comparator) => Math.max(0, ...Object.keys(weights.levels[c] ?? {}).map((level) => levelWeight(weights, c, level)));
  const groupOf = new Map<Comparator, number>();
  const caps: number[] = [];
  for (const g of Object.values(weights.groups ?? {})) {
    for (const c of g.comparators) groupOf.set(c, caps.length);
    caps.push(g.maxWeight);
  }
  // What every comparator could still add before anything is compared.
  let freeLeft = 0;
  const groupLeft = new Float64Array(caps.length);
  for (const c of [...UNCHECKED, ...CHECKS.map(([comparator]) => comparator)]) {
    const g = groupOf.get(c);
    if (g === undefined) freeLeft += bestOf(c);
    else groupLeft[g] = groupLeft[g]! + bestOf(c);
  }
  const p = weights.thresholds.likely;
  b = {
    likelyBits: Math.log2(p / (1 - p)) - weights.priorLog2Odds,
    best: Float64Array.from(CHECKS, ([c]) => bestOf(c)),
    group: Int32Array.from(CHECKS, ([c]) => groupOf.get(c) ?? -1),
    caps: Float64Array.from(caps),
    freeLeft,
    groupLeft,
  };
  boundsCache.set(weights, b);
  return b;
}

// Scratch for one evaluation (the sweep calls this tens of millions of times; no allocation per pair).
let groupPositive = new Float64Array(4);
let groupLeft = new Float64Array(4);

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
  const groups = bounds.caps.length;
  if (groupPositive.length < groups) {
    groupPositive = new Float64Array(groups);
    groupLeft = new Float64Array(groups);
  }
  groupPositive.fill(0, 0, groups);
  groupLeft.set(bounds.groupLeft);
  let free = 0;
  let freeLeft = bounds.freeLeft;
  for (let k = 0; k < CHECKS.length; k++) {
    const g = bounds.group[k]!;
    if (g < 0) freeLeft -= bounds.best[k]!;
    else groupLeft[g] = groupLeft[g]! - bounds.best[k]!;
    const [comparator, compare] = CHECKS[k]!;
    const finding = compare(a, b);
    if (finding) {
      const bits = levelWeight(ctx.weights, comparator, finding.level);
      // As in totalWeight: a group's agreement is capped, its disagreement is not.
      if (g >= 0 && bits > 0) groupPositive[g] = groupPositive[g]! + bits;
      else free += bits;
    }
    let best = free + freeLeft;
    for (let x = 0; x < groups; x++) best += Math.min(bounds.caps[x]!, groupPositive[x]! + groupLeft[x]!);
    if (best < bounds.likelyBits) return false;
  }
  return true;
}
