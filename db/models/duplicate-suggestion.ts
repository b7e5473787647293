import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

/**
 * Open duplicate suggestions of one contact, _id = contact id (one look-up
 * by _id on every engine). Each entry names the other contact with the
 * engine's score and reasons at the time it was found.
 */
export type SuggestionEntry = { otherId: string; score: number; band: 'likely' | 'possible'; reasons: string[]; at: Date };
const duplicateSuggestionsSchema = new Schema(
  { _id: Schema.Types.ObjectId, entries: { type: [Schema.Types.Mixed], default: [] } },
  { collection: 'duplicate_suggestions', versionKey: false },
);
export const DuplicateSuggestions = mongoose.model('DuplicateSuggestions', duplicateSuggestionsSchema);

/** "Not a duplicate": a pair staff said are different people, _id "<smaller id>:<larger id>". */
const notDuplicateSchema = new Schema(
  { _id: String, by: { id: Schema.Types.ObjectId, name: String }, at: Date },
  { collection: 'not_duplicate_pairs', versionKey: false },
);
export const NotDuplicatePair = mongoose.model('NotDuplicatePair', notDuplicateSchema);

/**
 * The log of badge counts (db/duplicates/suggestion-count-log.ts): each entry
 * packs "contactId:count" pairs, comma-separated, as every write to
 * duplicate_suggestions left them, so the contacts list's in-memory index
 * keeps its "possible duplicate" badges without reading a suggestion per row.
 * `olderSuggestions` on entry 1: the collection already held suggestions the
 * log never saw (a database from before the log).
 */
const suggestionCountChangeSchema = new Schema(
  { _id: String, packedCounts: String, olderSuggestions: Boolean, at: Date },
  { collection: 'duplicate_suggestion_counts', versionKey: false },
);
export const SuggestionCountChange = mongoose.model('SuggestionCountChange', suggestionCountChangeSchema);

export const pairId = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

export type DuplicateSuggestionsDoc = { _id: Types.ObjectId; entries: SuggestionEntry[] };
export type NotDuplicatePairDoc = { _id: string; by: { id: Types.ObjectId; name: string }; at: Date };
export type SuggestionCountChangeDoc = { _id: string; packedCounts: string; olderSuggestions?: boolean; at: Date };
export const suggestionCountChangeCollection = typedCollection<SuggestionCountChangeDoc>(SuggestionCountChange);
export const duplicateSuggestionsCollection = typedCollection<DuplicateSuggestionsDoc>(DuplicateSuggestions);
export const notDuplicatePairCollection = typedCollection<NotDuplicatePairDoc>(NotDuplicatePair);
