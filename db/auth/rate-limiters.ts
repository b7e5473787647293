import mongoose from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';
import { LoginThrottle } from '../models/index';

/**
 * A counter shared by every web process, in the `login_throttle` collection:
 * login failures (activities/auth/log-in.ts) and each staff member's heavy
 * work (uploads, imports, exports, sweeps: web/auth/limit-work-per-user.ts).
 */
export type SharedRateLimiter = RateLimiterMongo;

// Built on first use, and again after a reconnect: the store needs the open connection's database.
const limiters = new Map<string, { db: unknown; limiter: RateLimiterMongo }>();

export function sharedRateLimiter(o: { name: string; points: number; durationSeconds: number }): SharedRateLimiter {
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
