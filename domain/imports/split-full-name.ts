const PREFIXES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'hon', 'sir', 'dame']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'esq', 'md', 'phd', 'dds', 'cpa']);
const bare = (w: string) => w.toLowerCase().replace(/[^a-z]/g, '');

/**
 * Splits "Dr. Robert J. Smith Jr." or "Smith, Robert J." into first, middle
 * and last name as written (case kept; titles and suffixes dropped), for a
 * "Full name" column. One word is a last name only when nothing else is known.
 */
export function splitFullName(full: string): { firstName: string; middleName: string; lastName: string } {
  let words: string[];
  const comma = full.indexOf(',');
  const afterComma = comma > 0 ? full.slice(comma + 1).trim().split(/\s+/).filter(Boolean) : [];
  if (comma > 0 && !(afterComma.length && afterComma.every((w) => SUFFIXES.has(bare(w))))) {
    words = [...afterComma, ...full.slice(0, comma).trim().split(/\s+/)];
  } else {
    words = full.replace(',', ' ').trim().split(/\s+/);
  }
  words = words.filter(Boolean);
  while (words.length > 1 && PREFIXES.has(bare(words[0]!))) words.shift();
  while (words.length > 1 && SUFFIXES.has(bare(words[words.length - 1]!))) words.pop();
  if (words.length === 0) return { firstName: '', middleName: '', lastName: '' };
  if (words.length === 1) return { firstName: words[0]!, middleName: '', lastName: '' };
  return { firstName: words[0]!, middleName: words.slice(1, -1).join(' '), lastName: words[words.length - 1]! };
}
