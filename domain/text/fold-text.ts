/**
 * Folds text for matching and sorting: Unicode compatibility-decomposed,
 * accents removed, lower-cased, punctuation turned into spaces, runs of
 * space collapsed. "José  O'Brien-Smith" -> "jose o brien smith".
 */
export function foldText(text: string | undefined | null): string {
  if (!text) return '';
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function foldedTokens(text: string | undefined | null): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}
