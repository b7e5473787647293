// Per-staff-member limits on heavy work (activities/auth/limit-work.ts),
// matched to requests here in one place, after the permission check.
import type { Context, MiddlewareHandler } from 'hono';
import { takeWorkAllowance, type WorkKind } from '../../activities/auth/limit-work';
import { AppError } from '../../domain/app-error';
import type { AppEnv } from '../env';

const WORK_ROUTES: { method: string; path: RegExp; kind: WorkKind; when?: (c: Context<AppEnv>) => boolean }[] = [
  { method: 'POST', path: /^\/contacts\/[^/]+\/documents$/, kind: 'uploads' },
  // A note counts only when it carries attachments.
  { method: 'POST', path: /^\/contacts\/[^/]+\/notes$/, kind: 'uploads', when: (c) => (c.req.header('Content-Type') ?? '').includes('multipart/form-data') },
  { method: 'POST', path: /^\/settings\/import$/, kind: 'imports' },
  { method: 'GET', path: /^\/contacts\/export\/download$/, kind: 'exports' },
  { method: 'POST', path: /^\/duplicates\/sweep$/, kind: 'sweeps' },
  { method: 'POST', path: /^\/admin\/dedupe-schedule\/run-now$/, kind: 'sweeps' },
];

export const limitWorkPerUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get('user');
  if (!user) return next();
  const route = WORK_ROUTES.find((r) => r.method === c.req.method && r.path.test(c.req.path) && (!r.when || r.when(c)));
  if (!route) return next();
  const allowance = await takeWorkAllowance(route.kind, String(user.id));
  if (!allowance.ok) {
    c.header('Retry-After', String(allowance.retryAfterSeconds));
    throw new AppError('RATE_LIMITED', allowance.message);
  }
  return next();
};
