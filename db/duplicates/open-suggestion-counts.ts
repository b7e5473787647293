import { Types } from 'mongoose';
import { DuplicateSuggestions } from '../models/index';

/**
 * How many open duplicate suggestions each of a page's contacts has, for the
 * list's "possible duplicate" badge. Read from `duplicate_suggestions` when a
 * page renders (one look-up by _id per row) instead of being copied onto
 * every contact: a first sweep of a million contacts would otherwise rewrite
 * a quarter of a million contact documents just to keep a badge count.
 */
export async function openSuggestionCounts(contactIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!contactIds.length) return counts;
  const docs = await DuplicateSuggestions.collection
    .find({ _id: { $in: contactIds.map((id) => new Types.ObjectId(id)) } }, { projection: { entries: 1 } })
    .toArray();
  for (const d of docs) {
    const n = Array.isArray(d.entries) ? d.entries.length : 0;
    if (n) counts.set(String(d._id), n);
  }
  return counts;
}
