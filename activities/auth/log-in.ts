import { findStaffUserByEmail } from '../../db/admin/staff-users';
import { sharedRateLimiter } from '../../db/auth/rate-limiters';
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

type Counter = keyof typeof LIMITS;
const COUNTERS = Object.keys(LIMITS) as Counter[];

export type LogInOutcome = { ok: true; user: StaffUserDoc } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Checks staff credentials from one address, within the failure limits above. */
export async function logIn(o: { email: string; password: string; address: string }): Promise<LogInOutcome> {
  const account = o.email.trim().toLowerCase();
  const atAddress = `${account}|${o.address}`;
  const keys: Record<Counter, string> = { address: o.address, accountAtAddress: atAddress, accountAtAddressDaily: atAddress, account };
  const limiters = COUNTERS.map((k) => [k, sharedRateLimiter(LIMITS[k])] as const);
  const counters = await Promise.all(limiters.map(async ([k, l]) => ({ k, res: await l.get(keys[k]) })));
  const used = (k: Counter) => counters.find((c) => c.k === k)!.res?.consumedPoints ?? 0;
  const waits = counters
    .filter(({ k }) => used(k) >= LIMITS[k].points)
    // The account-wide counter closes only to addresses that failed on this account today.
    .filter(({ k }) => k !== 'account' || used('accountAtAddressDaily') > 0)
    .map(({ res }) => res!.msBeforeNext);
  if (waits.length) return { ok: false, reason: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };

  const user = await checkStaffCredentials(o.email, o.password);
  if (user) {
    await Promise.all(limiters.filter(([k]) => k === 'accountAtAddress' || k === 'accountAtAddressDaily').map(([k, l]) => l.delete(keys[k])));
    return { ok: true, user };
  }
  // penalty() counts without rejecting; the next attempt finds the counter spent and waits.
  await Promise.all(limiters.map(([k, l]) => l.penalty(keys[k])));
  return { ok: false, reason: 'wrong' };
}

// Checked against when the email is unknown, so an unknown email costs the same argon2 work as a wrong password.
let dummyHash: Promise<string> | undefined;

/** The staff user these credentials belong to, or undefined: unknown email, wrong password or a disabled user alike. */
async function checkStaffCredentials(email: string, password: string): Promise<StaffUserDoc | undefined> {
  const user = await findStaffUserByEmail(email);
  dummyHash ??= hashPassword('casebook-no-such-user');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  return ok && user && !user.disabledAt ? user : undefined;
}
