import { foldText } from '../text/fold-text';

export type ParsedName = { prefix?: string; first: string; middle: string[]; last: string; suffix?: string };

const PREFIXES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'hon', 'sir', 'dame']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v', 'esq', 'md', 'phd', 'dds', 'cpa']);

/**
 * Splits a full name as people write it: "Dr. Robert J. Smith Jr.",
 * "Smith, Robert J.", "ROBERT SMITH III". Folded (lower case, no accents);
 * initials are kept as one-letter middle names.
 */
export function parsePersonName(full: string): ParsedName {
  const comma = full.indexOf(',');
  let words: string[];
  let lastFirst = false;
  if (comma > 0) {
    const before = foldText(full.slice(0, comma)).split(' ').filter(Boolean);
    const after = foldText(full.slice(comma + 1)).split(' ').filter(Boolean);
    // "Smith, Jr." is a suffix after a comma, not "Last, First".
    if (after.length && after.every((w) => SUFFIXES.has(w))) words = [...before, ...after];
    else {
      lastFirst = true;
      words = [...after, ...before];
    }
  } else {
    words = foldText(full).split(' ').filter(Boolean);
  }
  let prefix: string | undefined;
  let suffix: string | undefined;
  if (words.length > 1 && PREFIXES.has(words[0]!)) prefix = words.shift();
  if (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) suffix = words.pop();
  if (lastFirst && words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) suffix = words.pop();
  if (words.length === 0) return { prefix, first: '', middle: [], last: '', suffix };
  if (words.length === 1) return { prefix, first: '', middle: [], last: words[0]!, suffix };
  if (lastFirst) {
    // words = [first, middle..., last...]: the part before the comma was the surname (maybe several words)
    const lastCount = foldText(full.slice(0, comma)).split(' ').filter((w) => w && !SUFFIXES.has(w)).length;
    const last = words.slice(words.length - lastCount).join(' ');
    const rest = words.slice(0, words.length - lastCount);
    return { prefix, first: rest[0] ?? '', middle: rest.slice(1), last, suffix };
  }
  return { prefix, first: words[0]!, middle: words.slice(1, -1), last: words[words.length - 1]!, suffix };
}
