import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { wrapTime } from 'hono/timing';
import { timingSafeEqual } from 'node:crypto';
import type { AppEnv } from '../env';
import { AppError } from '../../domain/app-error';
import { resolveSession } from '../../activities/auth/sessions';
import { config } from '../../config/config';
import { sessionCookieName } from './cookie';

const PUBLIC_PATHS = ['/login', '/healthz', '/assets/'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Loads the session; every route but the public ones requires one. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Timed apart in Server-Timing: the load bench reports where a request's time goes.
  const session = await wrapTime(c, 'session', resolveSession(getCookie(c, sessionCookieName())));
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

/** The origin staff use: PUBLIC_URL's behind a proxy, else the one this request was made to. */
const ownOrigin = (c: Context) => (config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : new URL(c.req.url).origin);

/**
 * Every state-changing request must come from this site and carry the
 * session's CSRF token, as the `_csrf` form field or the X-CSRF-Token header
 * htmx sends. The origin is checked for every kind of body, not only forms
 * (Hono's csrf() middleware, in front, looks at form posts only): a
 * browser always sends Origin or Sec-Fetch-Site on such requests, so one
 * naming another site is refused whatever token it carries.
 */
export const requireCsrfToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  const origin = c.req.header('Origin');
  if ((origin && origin !== ownOrigin(c)) || c.req.header('Sec-Fetch-Site') === 'cross-site') {
    throw new AppError('FORBIDDEN', 'This request was refused because it came from another site.');
  }
  if (c.req.path === '/login') return next();
  let sent = c.req.header('X-CSRF-Token');
  if (!sent) {
    const type = c.req.header('Content-Type') ?? '';
    // A streamed upload (imports of up to 500 MB) is not read here: its route checks the `_csrf` field that comes
    // ahead of the file in the stream (see receiveImportUpload), so the token never has to travel in the address.
    if (type.includes('multipart/form-data') && STREAMED_UPLOAD_PATHS.some((p) => p.test(c.req.path))) return next();
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
  }
  assertCsrfToken(c.get('csrfToken'), sent);
  return next();
};

/** Routes whose multipart body is streamed by the route, which checks the CSRF field itself before the file. */
const STREAMED_UPLOAD_PATHS = [/^\/settings\/import$/, /^\/contacts\/[^/]+\/documents$/, /^\/cases\/[^/]+\/documents$/];

/** Whether a sent token is the session's (compared in constant time). */
export function csrfTokenMatches(expected: string | undefined, sent: string | undefined): boolean {
  const a = Buffer.from(expected ?? '');
  const b = Buffer.from(sent ?? '');
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses a state-changing request whose token is not the session's. */
export function assertCsrfToken(expected: string | undefined, sent: string | undefined): void {
  if (!csrfTokenMatches(expected, sent)) throw new AppError('FORBIDDEN', 'This form has expired. Reload the page and try again.');
}

/** Pages for signed-in staff are never kept by the browser or a proxy: Back after logging out must not show a contact. */
export const noStoreWhenSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.get('user') && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

