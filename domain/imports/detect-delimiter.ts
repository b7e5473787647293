export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Picks the CSV delimiter from the first lines: the candidate that splits
 * every line into the same number of fields (more than one), preferring the
 * one that appears most. Quoted text is skipped, so "Smith, John" in quotes
 * does not vote for the comma.
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = recordsOf(sample).slice(0, 50);
  let best: { d: Delimiter; score: number } = { d: ',', score: -1 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    if (!counts.length || counts[0] === 0) continue;
    const mode = mostCommon(counts);
    const agreeing = counts.filter((c) => c === mode).length / counts.length;
    const score = agreeing * 1000 + mode;
    if (mode > 0 && score > best.score) best = { d, score };
  }
  return best.d;
}

/** Splits on line ends outside quotes (a quoted field may hold a newline); the last line may be cut off. */
function recordsOf(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (i > start) records.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // The sample ends mid-file: its last record may be incomplete, so it only counts when it is the only one.
  if (!records.length && start < text.length) records.push(text.slice(start));
  return records.filter((r) => r.trim());
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
}
