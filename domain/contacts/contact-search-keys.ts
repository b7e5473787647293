import { foldText, foldedTokens } from '../text/fold-text';

export type NameParts = { firstName?: string | null; middleName?: string | null; lastName?: string | null; preferredName?: string | null };
export type SearchKeyInput = NameParts & {
  phones?: { e164?: string | null; raw: string }[];
  emails?: { canonical: string }[];
};
export type SearchKeys = { sortName: string; nameTokens: string[]; phoneKeys: string[]; emailKeys: string[] };

/**
 * The normalized keys stored beside every contact so list, search and
 * duplicate look-ups are index reads: sortName orders the list ("last first
 * middle"), nameTokens serve word-prefix search, phoneKeys hold E.164 plus the
 * national significant digits so "555 0134" finds "+1 415-555-0134".
 */
export function contactSearchKeys(input: SearchKeyInput): SearchKeys {
  const sortName = foldText([input.lastName, input.firstName, input.middleName].filter(Boolean).join(' ')) || '~';
  const nameTokens = [...new Set([input.firstName, input.middleName, input.lastName, input.preferredName].flatMap(foldedTokens))];
  const phoneKeys = new Set<string>();
  for (const p of input.phones ?? []) {
    if (p.e164) phoneKeys.add(p.e164);
    const digits = (p.e164 ?? p.raw).replace(/\D+/g, '');
    if (digits.length >= 7) phoneKeys.add(digits.slice(-7)); // local number, for partial searches
  }
  const emailKeys = [...new Set((input.emails ?? []).map((e) => e.canonical))];
  return { sortName, nameTokens, phoneKeys: [...phoneKeys], emailKeys };
}

export function displayName(c: NameParts): string {
  const first = c.preferredName || c.firstName;
  return [first, c.lastName].filter(Boolean).join(' ') || '(no name)';
}
