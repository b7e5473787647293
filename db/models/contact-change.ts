import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

// A sequenced log of which contacts changed, so read models (the in-memory
// contact list index) can catch up by reading entries by _id: the one lookup
// every MongoDB-wire engine serves from an index.
const contactChangeSchema = new Schema(
  {
    _id: { type: Schema.Types.Mixed, required: true }, // changeKey(sequence number); plain numbers in older logs
    // The changed contacts' ids, comma-separated in one string: FerretDB decodes
    // every stored value on read, and one string of 500 ids reads ~100x faster
    // than an array of 500 ObjectIds. Entries written before this used \`ids\`.
    packedIds: String,
    ids: { type: [Schema.Types.ObjectId], default: undefined },
    at: { type: Date, required: true },
    // What made the change when it is bookkeeping rather than an edit ('sweep' writing suggestions),
    // so the next incremental sweep does not re-score contacts only the last sweep touched.
    source: String,
    // The contacts list rows of new contacts whose whole document the writer had (an import's), as one JSON string.
    listRows: String,
  },
  { collection: 'contact_changes', versionKey: false },
);

const counterSchema = new Schema(
  { _id: { type: String, required: true }, seq: { type: Number, default: 0 }, at: Date },
  { collection: 'counters', versionKey: false },
);

export const ContactChange = mongoose.model('ContactChange', contactChangeSchema);
export const Counter = mongoose.model('Counter', counterSchema);

/** A change-log entry as stored: _id is changeKey(seq) (a plain number in logs written before string keys). */
export type ContactChangeDoc = { _id: string | number; packedIds?: string; ids?: Types.ObjectId[]; at: Date; source?: string; listRows?: string };
/** A counter, or the bookkeeping of a packed store kept beside it (chunk and group counts). */
export type CounterDoc = { _id: string; seq?: number; at?: Date; chunks?: number; groups?: number; owner?: string; until?: Date };
export const contactChangeCollection = typedCollection<ContactChangeDoc>(ContactChange);
export const counterCollection = typedCollection<CounterDoc>(Counter);
