import type { CaseStatus } from './case-fields';
import { foldedTokens } from '../text/fold-text';

/** What the case list shows of a case, and what its search reads. */
export type CaseListRow = { id: string; number: string; title: string; practiceArea: string; status: CaseStatus; contacts: number };

/** A case document (or a seed's) as the case list's row. */
export function toCaseListRow(doc: { _id: unknown; number: string; title: string; practiceArea?: string | null; status?: string | null; contacts?: readonly unknown[] | null }): CaseListRow {
  return { id: String(doc._id), number: doc.number, title: doc.title, practiceArea: doc.practiceArea ?? 'General', status: (doc.status ?? 'open') as CaseStatus, contacts: doc.contacts?.length ?? 0 };
}

/** The words of a case title that a search matches by prefix: folded (accents, case, punctuation), each once. */
export const caseTitleWords = (title: string): string[] => [...new Set(foldedTokens(title))];

/**
 * A case list search: the case number by its beginning ("2025-00" finds
 * 2025-000123), or the title by the beginnings of its words ("hall acm"
 * finds "Hallorann v. Acme Corp"; accents and case do not matter). Both
 * engines answer it from an index: the number's order, and the title's
 * folded words.
 */
export type CaseSearch = { numberPrefix: string; terms: string[] };

export function parseCaseSearch(q: string | undefined): CaseSearch | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  return { numberPrefix: text.replace(/[^\w-]/g, ''), terms: caseTitleWords(text) };
}

/** Whether a case matches a search: its number begins with the search, or every search word begins a word of its title. */
export function caseMatches(row: Pick<CaseListRow, 'number'>, words: readonly string[], search: CaseSearch): boolean {
  if (search.numberPrefix && row.number.startsWith(search.numberPrefix)) return true;
  return search.terms.length > 0 && search.terms.every((t) => words.some((w) => w.startsWith(t)));
}
