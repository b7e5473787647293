import { blockingKeys } from '../blocking-keys';
import type { PreparedRecord } from '../match-record';
import { bandOf, pairWeight, scorePair, type PairScore, type ScoringContext } from '../score-pair';
import { clusterWithGuard, type PairJudgement } from './cluster-with-guard';
import { sortedNeighbourhoodPairs } from './sorted-neighbourhood';

export type SweepStageTimes = { block: number; score: number; cluster: number };
export type SweepGroup = { members: number[]; score: number; kinds: string[]; reasons: string[] };
export type SweepResult = {
  candidatePairs: number;
  matchedPairs: number;
  groups: SweepGroup[];
  clusterOf: number[];
  times: SweepStageTimes;
  /** Whether a pair (a < b) reached scoring: for measuring the blocking's pair completeness. */
  wasCandidate: (a: number, b: number) => boolean;
};

// A blocking key shared by more records than this is skipped (a very common
// surname); sorted neighbourhood and the other keys still reach its pairs.
const MAX_BLOCK = 200;

/**
 * The in-memory heart of the dedupe sweep: blocking (exact keys plus sorted
 * neighbourhood), scoring every candidate pair once, and clustering the
 * matches with the chaining guard. Work grows about linearly with records.
 */
export function runSweep(records: PreparedRecord[], ctx: ScoringContext, o: { onlyChanged?: Set<number> } = {}): SweepResult {
  const t0 = performance.now();
  const n = records.length;
  // Sharded: one JavaScript Set holds at most 2^24 entries, a million contacts make more pairs.
  const seen = Array.from({ length: 64 }, () => new Set<number>());
  const pairs: Array<[number, number]> = [];
  const addPair = (a: number, b: number) => {
    if (o.onlyChanged && !o.onlyChanged.has(a) && !o.onlyChanged.has(b)) return;
    const code = a * n + b;
    const shard = seen[a & 63]!;
    if (shard.has(code)) return;
    shard.add(code);
    pairs.push([a, b]);
  };
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const key of blockingKeys(r)) (blocks.get(key) ?? blocks.set(key, []).get(key)!).push(i);
  });
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > MAX_BLOCK) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) addPair(Math.min(list[x]!, list[y]!), Math.max(list[x]!, list[y]!));
  }
  blocks.clear();
  for (const [a, b] of sortedNeighbourhoodPairs(records)) addPair(a, b);
  const t1 = performance.now();

  const matched: { a: number; b: number; result: PairScore }[] = [];
  for (const [a, b] of pairs) {
    // Weight first (no reason texts); reasons only for the few pairs that match.
    if (bandOf(pairWeight(records[a]!, records[b]!, ctx), ctx.weights) !== 'likely') continue;
    matched.push({ a, b, result: scorePair(records[a]!, records[b]!, ctx) });
  }
  const t2 = performance.now();

  const judge = (a: number, b: number): PairJudgement => {
    const band = bandOf(pairWeight(records[a]!, records[b]!, ctx), ctx.weights);
    return band === 'likely' ? 'match' : band === 'unlikely' ? 'different' : 'unsure';
  };
  const clusterOf = clusterWithGuard(n, matched.map((m) => ({ a: m.a, b: m.b, weight: m.result.weight })), judge);
  const byRoot = new Map<number, SweepGroup>();
  for (const m of matched) {
    const root = clusterOf[m.a]!;
    if (root !== clusterOf[m.b]) continue; // a link the guard refused
    const group = byRoot.get(root) ?? byRoot.set(root, { members: [], score: 0, kinds: [], reasons: [] }).get(root)!;
    group.score = Math.max(group.score, m.result.score);
    for (const r of m.result.reasons) {
      if (r.weight <= 0) continue;
      const kind = r.comparator === 'phone' ? 'phone' : r.comparator === 'email' ? 'email' : r.level === 'exact' && (r.comparator === 'firstName' || r.comparator === 'lastName') ? 'name' : r.comparator === 'firstName' || r.comparator === 'lastName' ? 'fuzzy' : undefined;
      if (kind && !group.kinds.includes(kind)) group.kinds.push(kind);
      if (group.reasons.length < 6 && !group.reasons.includes(r.text)) group.reasons.push(r.text);
    }
  }
  clusterOf.forEach((root, i) => byRoot.get(root)?.members.push(i));
  const t3 = performance.now();
  return {
    candidatePairs: pairs.length,
    matchedPairs: matched.length,
    groups: [...byRoot.values()],
    clusterOf,
    times: { block: t1 - t0, score: t2 - t1, cluster: t3 - t2 },
    wasCandidate: (a, b) => seen[a & 63]!.has(a * n + b),
  };
}
