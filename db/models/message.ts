import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

export const MESSAGE_CHANNELS = ['sms', 'email', 'phone', 'portal'] as const;

const messageSchema = new Schema(
  {
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    caseId: { type: Schema.Types.ObjectId, ref: 'Case' },
    channel: { type: String, enum: MESSAGE_CHANNELS, required: true },
    direction: { type: String, enum: ['inbound', 'outbound'], required: true },
    body: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'messages' },
);
// History is shown newest first and paged by (at, _id).
messageSchema.index({ contactId: 1, at: -1, _id: -1 });

export type MessageDoc = InferRawDocTypeFromSchema<typeof messageSchema> & { _id: Types.ObjectId };
export const Message = mongoose.model('Message', messageSchema);
export const messageCollection = typedCollection<MessageDoc>(Message);
