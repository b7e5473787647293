import mongoose, { Schema, type InferRawDocTypeFromSchema } from 'mongoose';
import { typedCollection } from '../typed-collection';

// The cookie holds a random token; only its SHA-256 is stored, so a leaked
// database cannot be replayed as sessions. The hash is the _id: every request
// looks its session up by _id, which every engine serves from an index.
// Expiry (idle and absolute, domain/auth/session-expiry.ts) is checked on
// read, not by a TTL index (FerretDB lacks them); the hourly
// PurgeEndedSessionsWorkflow deletes ended rows.
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true }, // SHA-256 of the cookie token
    userId: { type: Schema.Types.ObjectId, ref: 'StaffUser', required: true },
    csrfToken: { type: String, required: true },
    expiresAt: { type: Date, required: true }, // the absolute end, fixed at login
    lastSeenAt: Date, // moved by requests, at most once a minute
    revokedAt: Date,
    userAgent: String,
  },
  { timestamps: true, collection: 'sessions' },
);
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });

export type SessionDoc = InferRawDocTypeFromSchema<typeof sessionSchema>;
export const Session = mongoose.model('Session', sessionSchema);
export const sessionCollection = typedCollection<SessionDoc>(Session);
