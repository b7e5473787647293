import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const staffUserSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true, unique: true }, // stored lower-cased
    role: { type: String, enum: ['admin', 'staff'], default: 'staff' },
    passwordHash: { type: String, required: true }, // argon2id
    disabledAt: Date,
  },
  { timestamps: true, collection: 'staff_users' },
);

export type StaffUserDoc = InferSchemaType<typeof staffUserSchema> & { _id: Types.ObjectId };
export const StaffUser = mongoose.model('StaffUser', staffUserSchema);
