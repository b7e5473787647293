import mongoose, { Schema } from 'mongoose';
import { typedCollection } from '../typed-collection';

/**
 * The review queue's order, packed (see db/duplicates/review-queue-index.ts):
 * "queue:<n>" documents hold [groupId, score, kinds, members] sorted most
 * confident first; "meta" says how many and which build; "resolved" lists
 * groups staff resolved since that build.
 */
const reviewQueueChunkSchema = new Schema({ _id: String, json: String, chunks: Number, total: Number, version: String, ids: [String] }, { collection: 'review_queue_chunks', versionKey: false });
export const ReviewQueueChunk = mongoose.model('ReviewQueueChunk', reviewQueueChunkSchema);
/** A queue chunk ("queue:<n>": json), the build's "meta" (chunks, total, version) or the "resolved" list (ids). */
export type ReviewQueueChunkDoc = { _id: string; json?: string; chunks?: number; total?: number; version?: string; ids?: string[] };
export const reviewQueueChunkCollection = typedCollection<ReviewQueueChunkDoc>(ReviewQueueChunk);
