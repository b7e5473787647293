import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { AppError } from '../../domain/app-error';
import { resolveSession } from '../../activities/auth/sessions';
import { sessionCookieName } from './cookie';

const PUBLIC_PATHS = ['/login', '/healthz', '/assets/'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Loads the session; every route but the public ones requires one. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const session = await resolveSession(getCookie(c, sessionCookieName()));
  if (session) {
    c.set('user', session.user);
    c.set('sessionId', session.sessionId);
    c.set('csrfToken', session.csrfToken);
  }
  const path = c.req.path;
  if (PUBLIC_PATHS.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)))) return next();
  if (!session) {
    const target = `/login?next=${encodeURIComponent(path + (new URL(c.req.url).search || ''))}`;
    if (c.req.header('HX-Request')) {
      c.header('HX-Redirect', target);
      return c.body(null, 401);
    }
    return c.redirect(target, 303);
  }
  return next();
};

/**
 * Every state-changing request must carry the session's CSRF token, as the
 * `_csrf` form field or the X-CSRF-Token header htmx sends. (Hono's csrf()
 * middleware additionally rejects cross-origin form posts by Origin.)
 */
export const requireCsrfToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method) || c.req.path === '/login') return next();
  const expected = c.get('csrfToken');
  let sent = c.req.header('X-CSRF-Token');
  if (!sent) {
    const type = c.req.header('Content-Type') ?? '';
    // Streaming uploads (imports of up to 500 MB) carry the token in the query string, so checking it does not read the body.
    if (type.includes('multipart/form-data')) sent = c.req.query('_csrf');
    if (!sent && (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data'))) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
  }
  if (!expected || sent !== expected) throw new AppError('FORBIDDEN', 'This form has expired. Reload the page and try again.');
  return next();
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user')?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators can do that.');
  return next();
};
