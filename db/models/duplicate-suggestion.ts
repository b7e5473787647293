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

export const pairId = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

export type DuplicateSuggestionsDoc = { _id: Types.ObjectId; entries: SuggestionEntry[] };
export type NotDuplicatePairDoc = { _id: string; by: { id: Types.ObjectId; name: string }; at: Date };
export const duplicateSuggestionsCollection = typedCollection<DuplicateSuggestionsDoc>(DuplicateSuggestions);
export const notDuplicatePairCollection = typedCollection<NotDuplicatePairDoc>(NotDuplicatePair);
