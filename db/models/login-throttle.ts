import mongoose, { Schema, type InferRawDocTypeFromSchema } from 'mongoose';
import { typedCollection } from '../typed-collection';

// Failed-login counters, written by rate-limiter-flexible's Mongo store so
// every web process shares them. The model exists so ensureIndexes creates
// the collection and its indexes like every other (the library's own index
// creation is turned off): `key` unique on every engine; the TTL index that
// lets MongoDB drop spent counters is skipped on FerretDB, where expired
// counters are simply ignored by the store's reads.
const loginThrottleSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    points: { type: Number, required: true },
    expire: Date,
  },
  { collection: 'login_throttle', versionKey: false },
);
loginThrottleSchema.index({ expire: -1 }, { expireAfterSeconds: 0 });

export type LoginThrottleDoc = InferRawDocTypeFromSchema<typeof loginThrottleSchema>;
export const LoginThrottle = mongoose.model('LoginThrottle', loginThrottleSchema);
export const loginThrottleCollection = typedCollection<LoginThrottleDoc>(LoginThrottle);
