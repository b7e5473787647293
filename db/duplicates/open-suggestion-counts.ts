import { Types } from 'mongoose';
import { duplicateSuggestionsCollection } from '../models/index';
import { suggestionsVersion } from './suggestions-version';

// Counts read under the current suggestions version, kept until it moves
// (a sweep, a merge, an edit's refresh): the list then asks the database for
// one counter instead of a look-up per row. Capped so a long-running server
// does not hold every contact's count.
const CACHE_LIMIT = 50_000;
let cache: { version: string; counts: Map<string, number> } = { version: '', counts: new Map() };

/**
 * How many open duplicate suggestions each of a page's contacts has, for the
 * list's "possible duplicate" badge. Read from `duplicate_suggestions` when a
 * page renders instead of being copied onto every contact: a first sweep of
 * a million contacts would otherwise rewrite a quarter of a million contact
 * documents just to keep a badge count.
 *
 * One look-up by _id per row not yet known, side by side, not one `$in`
 * query: FerretDB v1 serves only `_id` equality from its index and answers
 * `$in` by reading the whole collection (measured: 25 ids among 250,000
 * suggestions, 49 s against 39 ms). Those 25 look-ups were most of the
 * database work of a list request under the load bench (each costs FerretDB
 * about 0.26 ms of CPU), hence the cache.
 */
export async function openSuggestionCounts(contactIds: string[], versionReadBefore?: string): Promise<Map<string, number>> {
  // The version is read before the counts: a write that lands between them moves it, and the next page reads again.
  const version = versionReadBefore ?? (await suggestionsVersion());
  if (cache.version !== version || cache.counts.size > CACHE_LIMIT) cache = { version, counts: new Map() };
  const known = cache;
  const missing = contactIds.filter((id) => !known.counts.has(id));
  const docs = await Promise.all(missing.map((id) => duplicateSuggestionsCollection.findOne({ _id: new Types.ObjectId(id) }, { projection: { entries: 1 } })));
  docs.forEach((d, i) => known.counts.set(missing[i]!, Array.isArray(d?.entries) ? d.entries.length : 0));
  const counts = new Map<string, number>();
  for (const id of contactIds) {
    const n = known.counts.get(id) ?? 0;
    if (n) counts.set(id, n);
  }
  return counts;
}
