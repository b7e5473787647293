import { Types } from 'mongoose';
import { detectDatabaseEngine } from '../detect-engine';
import { duplicateSuggestionsCollection } from '../models/index';
import { suggestionsVersion } from './suggestion-count-log';

// Counts read under the current suggestions version, kept until it moves
// (a sweep, a merge, an edit's refresh). Capped so a long-running server
// does not hold every contact's count.
const CACHE_LIMIT = 50_000;
let cache: { version: string; counts: Map<string, number> } = { version: '', counts: new Map() };

/**
 * How many open duplicate suggestions each of a page's contacts has, for the
 * list's "possible duplicate" badge, read from `duplicate_suggestions` when
 * the list is served by the database. (With the in-memory list index, the
 * badges come from the index, fed by the suggestion count log: no read at
 * all.) Read when a page renders instead of being copied onto every
 * contact: a first sweep of a million contacts would otherwise rewrite a
 * quarter of a million contact documents just to keep a badge count.
 *
 * On MongoDB one `$in` query on _id, answered from the _id index. FerretDB
 * v1 answers `$in` by reading the whole collection (measured: 25 ids among
 * 250,000 suggestions, 49 s against 39 ms), so there it is one look-up by
 * _id per row not yet known, side by side, and a cache per version.
 */
export async function openSuggestionCounts(contactIds: string[], versionReadBefore?: string): Promise<Map<string, number>> {
  // The version is read before the counts: a write that lands between them moves it, and the next page reads again.
  const version = versionReadBefore ?? (await suggestionsVersion());
  if (cache.version !== version || cache.counts.size > CACHE_LIMIT) cache = { version, counts: new Map() };
  const known = cache;
  const missing = contactIds.filter((id) => !known.counts.has(id));
  if (missing.length) {
    for (const id of missing) known.counts.set(id, 0);
    for (const [id, n] of await readCounts(missing)) known.counts.set(id, n);
  }
  const counts = new Map<string, number>();
  for (const id of contactIds) {
    const n = known.counts.get(id) ?? 0;
    if (n) counts.set(id, n);
  }
  return counts;
}

async function readCounts(ids: string[]): Promise<Map<string, number>> {
  const oids = ids.map((id) => new Types.ObjectId(id));
  const docs =
    (await detectDatabaseEngine()) === 'mongodb'
      ? await duplicateSuggestionsCollection.find({ _id: { $in: oids } }, { projection: { entries: 1 } }).toArray()
      : (await Promise.all(oids.map((_id) => duplicateSuggestionsCollection.findOne({ _id }, { projection: { entries: 1 } })))).filter((d) => d !== null);
  return new Map(docs.map((d) => [String(d._id), Array.isArray(d.entries) ? d.entries.length : 0]));
}
