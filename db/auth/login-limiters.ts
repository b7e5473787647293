import mongoose from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import { LoginThrottle } from '../models/index';

/** A failure counter in the shared `login_throttle` collection. */
export type LoginLimiter = RateLimiterMongo;

// Built on first use, and again after a reconnect: the store needs the open connection's database.
const limiters = new Map<string, { db: unknown; limiter: RateLimiterMongo }>();

export function loginLimiter(o: { name: string; points: number; durationSeconds: number }): LoginLimiter {
  const built = limiters.get(o.name);
  if (built && built.db === mongoose.connection.db) return built.limiter;
  const limiter = new RateLimiterMongo({
    storeClient: mongoose.connection.db!,
    tableName: LoginThrottle.collection.collectionName,
    keyPrefix: o.name,
    points: o.points,
    duration: o.durationSeconds,
    // ensureIndexes creates them, per engine (see models/login-throttle.ts).
    disableIndexesCreation: true,
  });
  limiters.set(o.name, { db: mongoose.connection.db, limiter });
  return limiter;
}
