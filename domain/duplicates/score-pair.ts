import { compareBirthDates, compareEmails, compareExact, compareFirstNames, compareLastNames, compareMiddleNames, comparePhones, comparePostcodes, compareText, type Comparator, type Finding } from './compare-fields';
import type { PreparedRecord } from './match-record';
import { levelWeight, type MatchWeights } from './match-weights';
import type { NicknameTable } from './nickname-table';

export type MatchBand = 'likely' | 'possible' | 'unlikely';

/** One piece of evidence, as shown to staff: "first name bob ≈ robert (nickname)", +5.1 bits. */
export type MatchReason = { comparator: Comparator; level: string; text: string; weight: number };

export type PairScore = {
  /** 0..1, probability-like: how sure the engine is that both records are one person. */
  score: number;
  band: MatchBand;
  /** Sum of the evidence in bits (log2 likelihood ratio). */
  weight: number;
  /** Evidence for, strongest first, then evidence against. */
  reasons: MatchReason[];
  namesSwapped: boolean;
};

export type Findings = Partial<Record<Comparator, Finding | null>>;

export type ScoringContext = { weights: MatchWeights; nicknames: NicknameTable };

/** Compares two prepared records field by field. */
export function compareRecords(a: PreparedRecord, b: PreparedRecord, ctx: ScoringContext): { findings: Findings; namesSwapped: boolean } {
  const straight: Findings = {
    firstName: compareFirstNames(a.first, b.first, a.firstCodes, b.firstCodes, ctx.nicknames),
    lastName: compareLastNames(a.last, b.last, a.lastCodes, b.lastCodes),
  };
  // People and forms swap first and last names ("Lee Min" vs "Min Lee"); try both ways, keep the better.
  // An exact surname is never read as swapped, so that case skips the second comparison.
  const swapped: Findings | undefined =
    straight.lastName?.level === 'exact'
      ? undefined
      : { firstName: compareFirstNames(a.first, b.last, a.firstCodes, b.lastCodes, ctx.nicknames), lastName: compareLastNames(a.last, b.first, a.lastCodes, b.firstCodes) };
  const namesSwapped = !!swapped?.firstName && !!swapped.lastName && findingsWeight(swapped, ctx.weights) > findingsWeight(straight, ctx.weights) + 1;
  const names = namesSwapped ? swapped! : straight;
  return {
    namesSwapped,
    findings: {
      ...names,
      middleName: compareMiddleNames(a.middle, b.middle),
      dateOfBirth: compareBirthDates(a.dob, b.dob),
      phone: comparePhones(a.phones, b.phones),
      email: compareEmails(a.emails, b.emails),
      houseNumber: compareExact(a.houseNumber, b.houseNumber, ['same', 'different']),
      streetName: compareText(a.streetName, b.streetName),
      city: compareText(a.city, b.city),
      postcode: comparePostcodes(a.postcode, b.postcode),
      state: compareExact(a.state, b.state, ['same', 'different']),
      country: compareExact(a.country, b.country, ['same', 'different']),
    },
  };
}

export function scorePair(a: PreparedRecord, b: PreparedRecord, ctx: ScoringContext): PairScore {
  const { findings, namesSwapped } = compareRecords(a, b, ctx);
  const reasons: MatchReason[] = [];
  for (const [comparator, finding] of Object.entries(findings) as [Comparator, Finding | null][]) {
    if (!finding) continue;
    reasons.push({ comparator, level: finding.level, text: describeFinding(comparator, finding), weight: levelWeight(ctx.weights, comparator, finding.level) });
  }
  const weight = totalWeight(reasons, ctx.weights);
  if (namesSwapped) reasons.push({ comparator: 'firstName', level: 'swapped', text: 'first and last names swapped', weight: 0 });
  reasons.sort((x, y) => y.weight - x.weight);
  const score = probabilityFromWeight(weight, ctx.weights);
  const band: MatchBand = score >= ctx.weights.thresholds.likely ? 'likely' : score >= ctx.weights.thresholds.possible ? 'possible' : 'unlikely';
  return { score, band, weight, reasons, namesSwapped };
}

/** The evidence in bits only, without reasons: the sweep's fast path over millions of candidate pairs. */
export function pairWeight(a: PreparedRecord, b: PreparedRecord, ctx: ScoringContext): number {
  return findingsWeight(compareRecords(a, b, ctx).findings, ctx.weights);
}

/** The band a weight falls in, by the configured thresholds. */
export function bandOf(weight: number, weights: MatchWeights): MatchBand {
  const score = probabilityFromWeight(weight, weights);
  return score >= weights.thresholds.likely ? 'likely' : score >= weights.thresholds.possible ? 'possible' : 'unlikely';
}

export function probabilityFromWeight(weight: number, weights: MatchWeights): number {
  return 1 / (1 + 2 ** -(weight + weights.priorLog2Odds));
}

/**
 * Sums the evidence, counting each correlated group's agreement at most up
 * to its cap. The fields of a household (surname, address, landline) agree
 * together for spouses and children as much as for duplicates, so adding
 * them up as if independent would merge a family into one person.
 */
export function totalWeight(reasons: Pick<MatchReason, 'comparator' | 'weight' | 'level'>[], weights: MatchWeights): number {
  let total = 0;
  let namesDiffer = 0;
  let sharedContact = false;
  let corroborated = false;
  let streetAgrees = false;
  let houseAgrees = false;
  const groupFor = groupsOf(weights);
  const groupAgreement = new Map<string, number>();
  for (const r of reasons) {
    if ((r.comparator === 'firstName' || r.comparator === 'lastName') && r.level === 'different') namesDiffer++;
    if ((r.comparator === 'phone' || r.comparator === 'email') && r.level === 'same') sharedContact = true;
    if (r.weight > 0 && CORROBORATING.has(r.comparator)) corroborated = true;
    if (r.weight > 0 && r.comparator === 'streetName') streetAgrees = true;
    if (r.weight > 0 && r.comparator === 'houseNumber') houseAgrees = true;
    const group = groupFor.get(r.comparator);
    if (group && r.weight > 0) groupAgreement.set(group, (groupAgreement.get(group) ?? 0) + r.weight);
    else total += r.weight;
  }
  for (const [group, agreement] of groupAgreement) total += Math.min(agreement, weights.groups![group]!.maxWeight);
  // The name gate: two records whose first and last names both differ are
  // different people unless they share a phone or an email. A birth date
  // and a city in common (one firm's clients mostly live in one city) is a
  // coincidence at a few thousand contacts, not a duplicate.
  if (namesDiffer === 2 && !sharedContact) total = Math.min(total, likelyWeight(weights) - 1);
  // The corroboration gate: names (and a city, a state) are shared by
  // different people: "John Smith" of Chicago is many people. Without a
  // phone, an email, a birth date, a postcode or a part of a street address
  // in common, a pair is at most as likely as not, however well the names
  // agree; staff see it as a possible duplicate, never a likely one.
  // (Measured on the labelled FEBRL sets: recall and precision unchanged,
  // 0.988/1 and 0.9855/0.9995; requiring a birth date or a whole street
  // address instead cost 3 points of recall.)
  if (!corroborated && !streetAgrees && !houseAgrees) total = Math.min(total, -weights.priorLog2Odds);
  return total;
}

// Evidence that picks out one person (or a few streets) rather than a name or a whole city.
const CORROBORATING = new Set<Comparator>(['phone', 'email', 'dateOfBirth', 'postcode']);

/** Which capped group each comparator belongs to; built once per weights object. */
function groupsOf(weights: MatchWeights): Map<Comparator, string> {
  let groupFor = groupCache.get(weights);
  if (!groupFor) {
    groupFor = new Map();
    for (const [name, g] of Object.entries(weights.groups ?? {})) for (const c of g.comparators) groupFor.set(c, name);
    groupCache.set(weights, groupFor);
  }
  return groupFor;
}
const groupCache = new WeakMap<MatchWeights, Map<Comparator, string>>();

/** The weight in bits at which a pair becomes "likely". */
function likelyWeight(weights: MatchWeights): number {
  const p = weights.thresholds.likely;
  return Math.log2(p / (1 - p)) - weights.priorLog2Odds;
}

/** The evidence of a set of findings in bits, household cap included. */
function findingsWeight(findings: Findings, weights: MatchWeights): number {
  const parts: Pick<MatchReason, 'comparator' | 'weight' | 'level'>[] = [];
  for (const [comparator, finding] of Object.entries(findings) as [Comparator, Finding | null][]) {
    if (finding) parts.push({ comparator, level: finding.level, weight: levelWeight(weights, comparator, finding.level) });
  }
  return totalWeight(parts, weights);
}

const FIELD_LABEL: Record<Comparator, string> = {
  firstName: 'first name',
  middleName: 'middle name',
  lastName: 'surname',
  dateOfBirth: 'date of birth',
  phone: 'phone',
  email: 'email',
  houseNumber: 'house number',
  streetName: 'street',
  city: 'city',
  postcode: 'postcode',
  state: 'state',
  country: 'country',
};

/** "same phone +14155550134", "first name bob ≈ robert (nickname)", "surname Jaro-Winkler 0.94 (smyth ≈ smith)". */
export function describeFinding(comparator: Comparator, f: Finding): string {
  const field = FIELD_LABEL[comparator];
  switch (f.level) {
    case 'exact':
    case 'same':
      return `same ${field} ${f.detail}`;
    case 'different':
      return `different ${field} (${f.detail.replace(' ≠ ', ' vs ')})`;
    case 'decadesApart':
      return `${field} a generation apart (${f.detail})`;
    case 'nickname':
      return `${field} ${f.detail} (nickname)`;
    case 'typo':
    case 'similar':
      return f.similarity !== undefined ? `${field} Jaro-Winkler ${f.similarity.toFixed(2)} (${f.detail})` : `${field} ${f.detail} (one letter apart)`;
    case 'phonetic':
      return `${field} sounds alike (${f.detail}, Double Metaphone)`;
    case 'initial':
      return `${field} ${f.detail} (initial)`;
    case 'partial':
      return `${field} ${f.detail} (one is part of the other)`;
    case 'swappedDayMonth':
      return `${field} with day and month swapped (${f.detail})`;
    case 'oneDigit':
      return `${field} one digit apart (${f.detail})`;
    case 'sameYear':
      return `${field} in the same year (${f.detail})`;
    case 'sameLocalPart':
      return `${field} with the same name at another domain (${f.detail})`;
    default:
      return `${field} ${f.detail}`;
  }
}
