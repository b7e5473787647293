// Opening portal links, right token or wrong, is counted per client address
// in the store every web process shares: guessing tokens (256 bits, so
// hopeless anyway) is cut off after PORTAL_TOKEN_ATTEMPTS in ten minutes.
import { sharedRateLimiter } from '../../db/auth/rate-limiters';
import { config } from '../../config/config';

export async function takePortalTokenAttempt(address: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const limiter = sharedRateLimiter({ name: 'portal-token', points: config.PORTAL_TOKEN_ATTEMPTS, durationSeconds: 600 });
  try {
    await limiter.consume(address, 1);
    return { allowed: true, retryAfterSeconds: 0 };
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection; // the store failed: not a refusal
    return { allowed: false, retryAfterSeconds: Math.ceil(((rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000) };
  }
}
