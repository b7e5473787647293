/**
 * Contact counts packed as "id:count,id:count": the suggestion count log's
 * entries and the badge snapshot. One string decodes far faster than an
 * array of small documents on FerretDB, and is compact on disk.
 */
export function packCounts(counts: Iterable<readonly [string, number]>): string {
  const parts: string[] = [];
  for (const [id, n] of counts) parts.push(`${id}:${n}`);
  return parts.join(',');
}

/** Adds the packed pairs to `into` (a later pair for the same id wins). */
export function unpackCounts(packed: string, into = new Map<string, number>()): Map<string, number> {
  if (!packed) return into;
  for (const pair of packed.split(',')) {
    const at = pair.lastIndexOf(':');
    if (at > 0) into.set(pair.slice(0, at), Number(pair.slice(at + 1)));
  }
  return into;
}
