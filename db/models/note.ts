import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

const revisionSchema = new Schema(
  { html: String, editedAt: Date, editedBy: { type: Schema.Types.ObjectId, ref: 'StaffUser' } },
  { _id: false },
);

const noteSchema = new Schema(
  {
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    html: { type: String, required: true }, // sanitized on the server before it is stored
    attachmentIds: { type: [Schema.Types.ObjectId], default: [] }, // Document ids
    authorId: { type: Schema.Types.ObjectId, ref: 'StaffUser', required: true },
    authorName: { type: String, required: true },
    history: { type: [revisionSchema], default: [] }, // earlier versions, oldest first
  },
  { timestamps: true, collection: 'notes' },
);
noteSchema.index({ contactId: 1, createdAt: -1 });

export type NoteDoc = InferRawDocTypeFromSchema<typeof noteSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const Note = mongoose.model('Note', noteSchema);
export const noteCollection = typedCollection<NoteDoc>(Note);
