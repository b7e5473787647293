import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

const staffUserSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, unique: true }, // stored lower-cased
    role: { type: String, enum: ['admin', 'staff'], default: 'staff' },
    passwordHash: { type: String, required: true }, // argon2id
    disabledAt: Date,
    // The timezone this person reads times in; unset: the firm's (FIRM_TIMEZONE).
    timezone: String,
  },
  { timestamps: true, collection: 'staff_users' },
);

export type StaffUserDoc = InferRawDocTypeFromSchema<typeof staffUserSchema> & { _id: Types.ObjectId };
export const StaffUser = mongoose.model('StaffUser', staffUserSchema);
export const staffUserCollection = typedCollection<StaffUserDoc>(StaffUser);
