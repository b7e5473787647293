import { RateLimiterRes } from 'rate-limiter-flexible';
import { findStaffUserByEmail } from '../../db/admin/staff-users';
import { loginLimiter } from '../../db/auth/login-limiters';
import type { StaffUserDoc } from '../../db/models/index';
import { hashPassword, verifyPassword } from './password';

/*
 * Failed logins are limited in three counters shared by every web process:
 * - per address: 100 failures an hour from one address, whatever the
 *   accounts, then that address waits an hour;
 * - per account at an address: 5 failures in 15 minutes, then 15 minutes'
 *   wait; 20 in a day, then a day's wait (the backoff);
 * - per account from everywhere: past 50 failures an hour the account is
 *   closed to addresses that have failed on it today, and stays open to an address
 *   that has not, so someone guessing from many addresses slows right down
 *   and still cannot lock the real user out.
 * Addresses are the socket's, or a configured proxy's X-Forwarded-For, never
 * a header a client chose (see web/auth/client-address.ts).
 */
// A counter's window starts at its first failure; once spent, logins wait until the window ends.
const LIMITS = {
  address: { name: 'login-address', points: 100, durationSeconds: 3600 },
  accountAtAddress: { name: 'login-account-address', points: 5, durationSeconds: 15 * 60 },
  accountAtAddressDaily: { name: 'login-account-address-day', points: 20, durationSeconds: 24 * 3600 },
  account: { name: 'login-account', points: 50, durationSeconds: 3600 },
};

export type LogInOutcome = { ok: true; user: StaffUserDoc } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Checks staff credentials from one address, within the failure limits above. */
export async function logIn(o: { email: string; password: string; address: string }): Promise<LogInOutcome> {
  const account = o.email.trim().toLowerCase();
  const keys = { address: o.address, accountAtAddress: `${account}|${o.address}`, accountAtAddressDaily: `${account}|${o.address}`, account };
  const limiters = Object.fromEntries(Object.entries(LIMITS).map(([k, l]) => [k, loginLimiter(l)])) as Record<keyof typeof LIMITS, ReturnType<typeof loginLimiter>>;
  const [byAddress, atAddress, atAddressDaily, byAccount] = await Promise.all([
    limiters.address.get(keys.address), limiters.accountAtAddress.get(keys.accountAtAddress), limiters.accountAtAddressDaily.get(keys.accountAtAddressDaily), limiters.account.get(keys.account),
  ]);
  const spent = (r: RateLimiterRes | null, limit: { points: number }) => !!r && r.consumedPoints >= limit.points;
  const waits: number[] = [];
  if (spent(byAddress, LIMITS.address)) waits.push(byAddress!.msBeforeNext);
  if (spent(atAddress, LIMITS.accountAtAddress)) waits.push(atAddress!.msBeforeNext);
  if (spent(atAddressDaily, LIMITS.accountAtAddressDaily)) waits.push(atAddressDaily!.msBeforeNext);
  if (spent(byAccount, LIMITS.account) && (atAddressDaily?.consumedPoints ?? 0) > 0) waits.push(byAccount!.msBeforeNext);
  if (waits.length) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };

  const user = await checkStaffCredentials(o.email, o.password);
  if (user) {
    await Promise.all([limiters.accountAtAddress.delete(keys.accountAtAddress), limiters.accountAtAddressDaily.delete(keys.accountAtAddressDaily)]);
    return { ok: true, user };
  }
  // penalty() counts without rejecting; the next attempt finds the counter spent and waits.
  await Promise.all((Object.keys(LIMITS) as (keyof typeof LIMITS)[]).map((k) => limiters[k].penalty(keys[k])));
  return { ok: false, reason: 'wrong' };
}

// Checked against when the email is unknown, so an unknown email costs the same argon2 work as a wrong password.
let dummyHash: Promise<string> | undefined;

/** The staff user these credentials belong to, or undefined: unknown email, wrong password or a disabled user alike. */
export async function checkStaffCredentials(email: string, password: string): Promise<StaffUserDoc | undefined> {
  const user = await findStaffUserByEmail(email);
  dummyHash ??= hashPassword('casebook-no-such-user');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  return ok && user && !user.disabledAt ? user : undefined;
}
