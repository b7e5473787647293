import mongoose, { Schema } from 'mongoose';
import { typedCollection } from '../typed-collection';

/** A thousand contacts' matching fields as one JSON string (see db/duplicates/match-record-store.ts); _id is "chunk:<number>". */
const matchRecordChunkSchema = new Schema({ _id: String, json: String }, { collection: 'match_record_chunks', versionKey: false });
export const MatchRecordChunk = mongoose.model('MatchRecordChunk', matchRecordChunkSchema);
export const matchRecordChunkCollection = typedCollection<{ _id: string; json: string }>(MatchRecordChunk);
