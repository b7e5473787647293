import { foldText } from './fold-text';

/**
 * Whether two values differ only in case, accents or punctuation ("Renée
 * Müller" and "renee muller"): the same value typed with less care, which
 * never replaces the saved one (folded forms are for matching only).
 */
export function sameWhenFolded(a: string, b: string): boolean {
  return foldText(a) === foldText(b);
}

/** How many accents and other combining marks a value carries: "Renée" has 1, "Renee" 0. */
export function markCount(text: string): number {
  return (text.normalize('NFD').match(/[\u0300-\u036f]/g) ?? []).length;
}
