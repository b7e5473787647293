import mongoose, { Schema } from 'mongoose';
import { typedCollection } from '../typed-collection';

/**
 * A partition's matched pairs, written as the partition goes, so a retried
 * activity resumes after its last part instead of scoring from the start.
 * _id "<sweepId>:<partition>:<part>"; json is [[idA, idB, weight, score,
 * kinds, reasons], …]. Deleted when the sweep has written its groups.
 */
const sweepMatchPartSchema = new Schema({ _id: String, sweepId: String, json: String, at: Date }, { collection: 'sweep_match_parts', versionKey: false });
export const SweepMatchPart = mongoose.model('SweepMatchPart', sweepMatchPartSchema);

/**
 * What the last finished sweep wrote, packed ten thousand contacts to a
 * document (see db/duplicates/sweep-result-store.ts): the next sweep writes
 * only the groups and suggestions that differ. _id "result:<n>".
 */
const sweepResultChunkSchema = new Schema({ _id: String, json: String }, { collection: 'sweep_result_chunks', versionKey: false });
export const SweepResultChunk = mongoose.model('SweepResultChunk', sweepResultChunkSchema);

export type SweepMatchPartDoc = { _id: string; sweepId: string; json: string; at: Date };
export const sweepMatchPartCollection = typedCollection<SweepMatchPartDoc>(SweepMatchPart);
export const sweepResultChunkCollection = typedCollection<{ _id: string; json: string }>(SweepResultChunk);
