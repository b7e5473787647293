import { couldBeLikely } from '../could-be-likely';
import type { PreparedRecord } from '../match-record';
import { bandOf, pairWeight, scorePair, type MatchReason, type ScoringContext } from '../score-pair';

export type MatchKind = 'phone' | 'email' | 'name' | 'fuzzy';

/** A candidate pair the engine judged "likely", with what staff will see of it. */
export type SweepMatch = { a: number; b: number; weight: number; score: number; kinds: MatchKind[]; reasons: string[] };

/**
 * Scores candidate pairs: an upper bound from the cheap fields first, then
 * the weight (no reason texts), and reasons only for the few pairs that are
 * likely. `onlyChanged` (an incremental
 * sweep) leaves out pairs where neither record changed.
 */
export function createCandidateScorer(records: PreparedRecord[], ctx: ScoringContext, onlyChanged?: Set<number>) {
  let scored = 0;
  const matches: SweepMatch[] = [];
  return {
    visit(a: number, b: number) {
      if (onlyChanged && !onlyChanged.has(a) && !onlyChanged.has(b)) return;
      scored++;
      if (!couldBeLikely(records[a]!, records[b]!, ctx)) return;
      if (bandOf(pairWeight(records[a]!, records[b]!, ctx), ctx.weights) !== 'likely') return;
      const result = scorePair(records[a]!, records[b]!, ctx);
      matches.push({ a, b, weight: result.weight, score: result.score, kinds: matchKinds(result.reasons), reasons: result.reasons.filter((r) => r.weight > 0).slice(0, 6).map((r) => r.text) });
    },
    get scored() {
      return scored;
    },
    /** The matches found since the last take. */
    take(): SweepMatch[] {
      return matches.splice(0, matches.length);
    },
  };
}

/** What kind of evidence made the match, for the review queue's filter. */
export function matchKinds(reasons: MatchReason[]): MatchKind[] {
  const kinds = new Set<MatchKind>();
  for (const r of reasons) {
    if (r.weight <= 0) continue;
    if (r.comparator === 'phone') kinds.add('phone');
    else if (r.comparator === 'email') kinds.add('email');
    else if (r.comparator === 'firstName' || r.comparator === 'lastName') kinds.add(r.level === 'exact' ? 'name' : 'fuzzy');
  }
  return [...kinds];
}
