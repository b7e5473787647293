import { RateLimiterRes } from 'rate-limiter-flexible';
import { sharedRateLimiter } from '../../db/auth/rate-limiters';

// How much heavy work one staff member may start, per hour, counted across
// every web process: enough for a busy day's real use, too little for a
// script (or a stolen session) to fill storage, flood Temporal or pull the
// database out in pieces. Administrators have the same limits.
export const WORK_LIMITS = {
  uploads: { points: 200, durationSeconds: 3600, what: 'document uploads' },
  imports: { points: 30, durationSeconds: 3600, what: 'import uploads' },
  exports: { points: 30, durationSeconds: 3600, what: 'exports' },
  sweeps: { points: 6, durationSeconds: 3600, what: 'duplicate sweeps' },
} as const;

export type WorkKind = keyof typeof WORK_LIMITS;
export type WorkAllowance = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };

/** Counts one piece of work for a staff member; refused when their hour's allowance is used up. */
export async function takeWorkAllowance(kind: WorkKind, staffId: string): Promise<WorkAllowance> {
  const limit = WORK_LIMITS[kind];
  try {
    await sharedRateLimiter({ name: `work-${kind}`, points: limit.points, durationSeconds: limit.durationSeconds }).consume(staffId);
    return { ok: true };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return { ok: false, retryAfterSeconds, message: `You have started ${limit.points} ${limit.what} in the last hour, the most allowed. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
  }
}
