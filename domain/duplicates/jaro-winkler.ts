let aFlags = new Uint8Array(64);
let bFlags = new Uint8Array(64);

/** Jaro similarity of two strings, 0..1. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  // Scratch flags reused between calls: the sweep compares tens of millions of strings.
  if (aFlags.length < a.length) aFlags = new Uint8Array(a.length * 2);
  if (bFlags.length < b.length) bFlags = new Uint8Array(b.length * 2);
  const aMatched = aFlags.fill(0, 0, a.length);
  const bMatched = bFlags.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const ac = a.charCodeAt(i);
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || ac !== b.charCodeAt(j)) continue;
      aMatched[i] = bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}

/**
 * Whether Jaro-Winkler can reach `threshold` at all, without comparing the
 * strings position by position: Jaro counts matching characters, and a
 * character of one string that occurs nowhere in the other can never match
 * (found with a 32-bit mask of the characters each holds; a shared bit only
 * makes the bound looser, never wrong). With m matches at most, Jaro is at
 * most (m/|a| + m/|b| + 1) / 3, and the prefix bonus adds at most 0.4 of the
 * rest. Most pairs of different people's emails and streets stop here.
 */
export function jaroWinklerCanReach(a: string, b: string, threshold: number): boolean {
  if (!a.length || !b.length) return a === b;
  let maskA = 0;
  let maskB = 0;
  for (let i = 0; i < a.length; i++) maskA |= 1 << (a.charCodeAt(i) & 31);
  for (let i = 0; i < b.length; i++) maskB |= 1 << (b.charCodeAt(i) & 31);
  let matchableA = 0;
  let matchableB = 0;
  for (let i = 0; i < a.length; i++) if (maskB & (1 << (a.charCodeAt(i) & 31))) matchableA++;
  for (let i = 0; i < b.length; i++) if (maskA & (1 << (b.charCodeAt(i) & 31))) matchableB++;
  const m = Math.min(matchableA, matchableB);
  if (m === 0) return threshold <= 0;
  const bestJaro = (m / a.length + m / b.length + 1) / 3;
  return bestJaro + 0.4 * (1 - bestJaro) >= threshold;
}

/** Jaro-Winkler: Jaro with a bonus for a common prefix of up to 4 characters (scale 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}
