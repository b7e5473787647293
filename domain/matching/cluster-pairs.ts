/**
 * Groups records into clusters: records joined by a matched pair, directly
 * or through others, share a cluster (union-find). Cluster ids are the
 * smallest member index, so output is stable for the same input.
 */
export function clusterPairs(count: number, pairs: Array<[number, number]>): number[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return parent.map((_, i) => find(i));
}
