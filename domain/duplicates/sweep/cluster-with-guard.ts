/**
 * Clusters matched pairs without chaining two different people together
 * through one weak link. Pairs are joined strongest first; two groups of
 * more than one record are joined only if most of the pairs between them
 * that were judged are matches and none is a clear non-match (so "Bob Smith
 * Sr." and "Bob Smith Jr." are not joined through a record that resembles
 * both). `judge` scores a pair on demand; it is called only for such joins.
 */
export type ScoredEdge = { a: number; b: number; weight: number };
export type PairJudgement = 'match' | 'unsure' | 'different';

export function clusterWithGuard(count: number, edges: ScoredEdge[], judge: (a: number, b: number) => PairJudgement, maxCrossChecks = 400): number[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const members = new Map<number, number[]>();
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const membersOf = (root: number) => members.get(root) ?? [root];
  for (const e of [...edges].sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b)) {
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra === rb) continue;
    const ma = membersOf(ra);
    const mb = membersOf(rb);
    if (ma.length > 1 || mb.length > 1) {
      if (ma.length * mb.length > maxCrossChecks) continue;
      let matches = 0;
      let different = false;
      for (const x of ma) for (const y of mb) {
        const j = judge(x, y);
        if (j === 'match') matches++;
        else if (j === 'different') different = true;
      }
      if (different || matches * 2 < ma.length * mb.length) continue;
    }
    const [root, other] = ra < rb ? [ra, rb] : [rb, ra];
    parent[other] = root;
    members.set(root, [...ma, ...mb]);
    members.delete(other);
  }
  return parent.map((_, i) => find(i));
}
