/** One contact's link on a case, as stored in the case's contacts array. */
export type CaseLink = { contactId: { toString(): string }; role?: string | null; linkedAt?: Date | null };

const same = (a: { toString(): string }, b: string) => String(a) === b;

/**
 * A case's contacts after a merge: the losers' links become the survivor's
 * (keeping the first loser's role and link date), without a second link when
 * the survivor was already on the case.
 */
export function mergeCaseLinks<T extends CaseLink>(links: T[], survivorId: string, loserIds: string[], survivorIdValue: T['contactId']): T[] {
  const isLoser = (l: T) => loserIds.some((id) => same(l.contactId, id));
  let survivorPresent = links.some((l) => same(l.contactId, survivorId));
  const out: T[] = [];
  for (const link of links) {
    if (!isLoser(link)) out.push(link);
    else if (!survivorPresent) {
      out.push({ ...link, contactId: survivorIdValue });
      survivorPresent = true;
    }
  }
  return out;
}

/**
 * A case's contacts after an unmerge. If nobody touched the case since the
 * merge, it is exactly what it was before. Otherwise later changes are kept:
 * the link the merge gave the survivor goes, the losers' links come back.
 */
export function unmergeCaseLinks<T extends CaseLink>(o: { current: T[]; before: T[]; afterMerge: T[]; survivorId: string; loserIds: string[] }): T[] {
  if (JSON.stringify(o.current) === JSON.stringify(o.afterMerge)) return o.before;
  const survivorWasLinked = o.before.some((l) => same(l.contactId, o.survivorId));
  const kept = survivorWasLinked ? o.current : o.current.filter((l) => !same(l.contactId, o.survivorId));
  const restored = o.before.filter((l) => o.loserIds.some((id) => same(l.contactId, id)) && !kept.some((k) => String(k.contactId) === String(l.contactId)));
  return [...kept, ...restored];
}
