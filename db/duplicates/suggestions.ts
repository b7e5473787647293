import { Types } from 'mongoose';
import { recordSuggestionCounts } from './suggestion-count-log';
import { duplicateSuggestionsCollection, notDuplicatePairCollection, pairId, type SuggestionEntry } from '../models/index';

export { pairId };

/** A duplicate found for a contact, as its suggestion stores it. */
export type FoundDuplicate = { otherId: string; score: number; band: SuggestionEntry['band']; reasons: string[] };

/**
 * Stores what the engine found for a contact as its open suggestions (and
 * the mirror entry on each other contact); the contacts list counts them for
 * its badge when it renders. Suggestions are refreshed whenever a contact's
 * duplicates are computed: on its profile, after an edit, by the sweep.
 * Every write here records the new counts in the suggestion count log.
 */
export async function saveSuggestions(contactId: Types.ObjectId, found: FoundDuplicate[]): Promise<void> {
  const at = new Date();
  const entries: SuggestionEntry[] = found.map((f) => ({ ...f, at }));
  await updateSuggestions(contactId, () => entries);
  for (const f of found) {
    const mirror: SuggestionEntry = { otherId: String(contactId), score: f.score, band: f.band, reasons: f.reasons, at };
    await updateSuggestions(new Types.ObjectId(f.otherId), (old) => [...old.filter((e) => e.otherId !== mirror.otherId), mirror]);
  }
}

/** Rewrites a contact's open suggestions; returns whether anything changed. */
export async function updateSuggestions(contactId: Types.ObjectId, update: (old: SuggestionEntry[]) => SuggestionEntry[]): Promise<boolean> {
  const doc = await duplicateSuggestionsCollection.findOne({ _id: contactId });
  const old = doc?.entries ?? [];
  const next = update(old);
  const same = old.length === next.length && old.every((e, i) => e.otherId === next[i]!.otherId && e.score === next[i]!.score);
  if (same && (doc || next.length === 0)) return false; // nothing to store
  await duplicateSuggestionsCollection.updateOne({ _id: contactId }, { $set: { entries: next } }, { upsert: true });
  await recordSuggestionCounts([[String(contactId), next.length]]);
  return true;
}

/** Replaces many contacts' suggestions at once (the sweep's writes): contact id -> entries. */
export async function replaceSuggestions(writes: [contactId: string, entries: SuggestionEntry[]][]): Promise<void> {
  if (!writes.length) return;
  await duplicateSuggestionsCollection.bulkWrite(writes.map(([id, entries]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $set: { entries } }, upsert: true } })), { ordered: false });
  await recordSuggestionCounts(writes.map(([id, entries]) => [id, entries.length]));
}

/** Remembers that staff said these two are different people. */
export async function recordNotDuplicatePair(a: Types.ObjectId, b: Types.ObjectId, by: { id: Types.ObjectId; name: string }): Promise<void> {
  await notDuplicatePairCollection.updateOne({ _id: pairId(String(a), String(b)) }, { $set: { by: { id: by.id, name: by.name }, at: new Date() } }, { upsert: true });
}

/** Which of `others` staff marked "not a duplicate" of `id`; one look-up by _id each. */
export async function notDuplicatesOf(id: string, others: string[]): Promise<Set<string>> {
  const marked = await Promise.all(others.map((other) => notDuplicatePairCollection.findOne({ _id: pairId(id, other) })));
  return new Set(others.filter((_, i) => marked[i]));
}

/** Every pair staff marked "not a duplicate", as pair ids (the sweep leaves them out). */
export async function allNotDuplicatePairs(): Promise<Set<string>> {
  return new Set((await notDuplicatePairCollection.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
}
