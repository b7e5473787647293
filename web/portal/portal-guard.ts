// The portal's own front door, in front of every /portal route: its headers
// (no referrer, no indexing, no caching, a CSP stricter than the dashboard's),
// its session (a cookie scoped to /portal, checked against the stored link on
// every request), and its CSRF rule for forms.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { resolvePortalSession } from '../../activities/portal/resolve-portal-session';
import { config } from '../../config/config';
import { csrfTokenMatches } from '../auth/middleware';
import { portalCookieName } from './portal-cookie';
import type { PortalEnv } from './portal-env';
import { renderPortal } from './render-portal';

export const portalHeaders: MiddlewareHandler<PortalEnv> = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  // The landing page's address carries the token: no request from a portal page may pass it on.
  referrerPolicy: 'no-referrer',
  crossOriginResourcePolicy: 'same-origin',
});

export const portalNoIndex: MiddlewareHandler<PortalEnv> = async (c, next) => {
  await next();
  c.res.headers.set('X-Robots-Tag', 'noindex, nofollow');
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

export const portalIdleMs = () => config.PORTAL_IDLE_MINUTES * 60_000;

/** Sets the visitor when the request carries a live portal session. */
export const loadPortalVisitor: MiddlewareHandler<PortalEnv> = async (c, next) => {
  const visitor = await resolvePortalSession(getCookie(c, portalCookieName()), { idleMs: portalIdleMs() });
  if (visitor) c.set('visitor', visitor);
  return next();
};

/** Pages behind the landing page need a session; without one, a clear page (never the staff login). */
export const requireVisitor: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (!c.get('visitor')) return renderPortal(c, 'portal/ended', { title: 'ended' }, 401);
  return next();
};

/**
 * State-changing portal requests must carry the session's token (a form
 * field or X-CSRF-Token) and must not come from another site. Portal pages
 * send no referrer, so a browser's Origin on their forms is "null": the
 * token, not the Origin, is the proof; a named foreign Origin is refused.
 */
/** The routes that stream an upload and check its `_csrf` field themselves (receiveDocumentUploads). */
const STREAMED_UPLOADS = [/^\/portal\/documents$/, /^\/portal\/tasks\/[0-9a-f]{24}\/files$/, /^\/portal\/forms\/[0-9a-f]{24}\/files\/[a-z][a-z0-9_]{0,39}$/];

export const requirePortalCsrf: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method)) return next();
  const origin = c.req.header('Origin');
  const own = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : new URL(c.req.url).origin;
  if ((origin && origin !== 'null' && origin !== own) || c.req.header('Sec-Fetch-Site') === 'cross-site') return renderPortal(c, 'portal/error', { title: 'error', message: 'error.form' }, 403);
  // The landing page's Continue and the refused page's request check their own form key (portal/link-routes.ts).
  if (c.req.path.startsWith('/portal/link/')) return next();
  const visitor = c.get('visitor');
  if (!visitor) return renderPortal(c, 'portal/ended', { title: 'ended' }, 401);
  let sent = c.req.header('X-CSRF-Token');
  const type = c.req.header('Content-Type') ?? '';
  // An upload's multipart body is streamed by its route, which checks the `_csrf` field that comes before the files.
  if (!sent && type.includes('application/x-www-form-urlencoded')) {
    const body = await c.req.parseBody();
    sent = typeof body._csrf === 'string' ? body._csrf : undefined;
  }
  if (!sent && type.includes('multipart/form-data') && STREAMED_UPLOADS.some((r) => r.test(c.req.path))) return next();
  if (!csrfTokenMatches(visitor.csrfToken, sent)) return renderPortal(c, 'portal/error', { title: 'error', message: 'error.form' }, 403);
  return next();
};
