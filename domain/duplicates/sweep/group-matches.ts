import type { PreparedRecord } from '../match-record';
import { bandOf, pairWeight, type ScoringContext } from '../score-pair';
import { clusterWithGuard, type PairJudgement } from './cluster-with-guard';
import type { MatchKind, SweepMatch } from './score-candidates';

export type SweepGroup = { members: number[]; score: number; kinds: MatchKind[]; reasons: string[] };

/**
 * Clusters the matched pairs with the chaining guard and describes each
 * group: its best score, the kinds of evidence and up to six reasons. The
 * matches are taken in (a, b) order, so the result does not depend on the
 * order partitions finished in.
 */
export function groupMatches(records: PreparedRecord[], matches: SweepMatch[], ctx: ScoringContext): { groups: SweepGroup[]; clusterOf: number[] } {
  const ordered = [...matches].sort((x, y) => x.a - y.a || x.b - y.b);
  const judge = (a: number, b: number): PairJudgement => {
    const band = bandOf(pairWeight(records[a]!, records[b]!, ctx), ctx.weights);
    return band === 'likely' ? 'match' : band === 'unlikely' ? 'different' : 'unsure';
  };
  const clusterOf = clusterWithGuard(records.length, ordered, judge);
  const byRoot = new Map<number, SweepGroup>();
  for (const m of ordered) {
    const root = clusterOf[m.a]!;
    if (root !== clusterOf[m.b]) continue; // a link the guard refused
    const group = byRoot.get(root) ?? byRoot.set(root, { members: [], score: 0, kinds: [], reasons: [] }).get(root)!;
    group.score = Math.max(group.score, m.score);
    for (const k of m.kinds) if (!group.kinds.includes(k)) group.kinds.push(k);
    for (const r of m.reasons) if (group.reasons.length < 6 && !group.reasons.includes(r)) group.reasons.push(r);
  }
  clusterOf.forEach((root, i) => byRoot.get(root)?.members.push(i));
  return { groups: [...byRoot.values()], clusterOf };
}
