import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import { askForNewLink } from '../../activities/portal/ask-for-new-link';
import { liveLinkByToken, openPortalLink, hashSessionToken } from '../../activities/portal/open-portal-link';
import { takePortalTokenAttempt } from '../../activities/portal/portal-token-throttle';
import { endPortalSession } from '../../db/portal/portal-sessions';
import { requestAddress } from '../auth/client-address';
import { csrfTokenMatches } from '../auth/middleware';
import { continueCookieName, continueCookieOptions, portalCookieName, portalCookieOptions } from './portal-cookie';
import type { PortalEnv } from './portal-env';
import { portalIdleMs } from './portal-guard';
import { renderPortal } from './render-portal';

/**
 * A portal link as the contact opens it (/portal/link/<token>). The GET
 * changes nothing, so a mail scanner or a link preview that fetches it
 * spends nothing: it shows the firm's name and Continue. Continue (a POST)
 * exchanges the token for a session and redirects to an address without
 * the token. Unknown, expired and revoked tokens get one and the same page.
 */
export const portalLinkRoutes = new Hono<PortalEnv>();

/** Too many opens from one address: the same page for every token, so nothing is learned from it. */
async function throttled(c: Parameters<typeof renderPortal>[0]) {
  const attempt = await takePortalTokenAttempt(requestAddress(c));
  if (attempt.allowed) return undefined;
  c.header('Retry-After', String(attempt.retryAfterSeconds));
  return renderPortal(c, 'portal/refused', { title: 'refused', tooMany: true }, 429);
}

function landing(c: Parameters<typeof renderPortal>[0], status = 200) {
  const key = randomBytes(24).toString('base64url');
  setCookie(c, continueCookieName(), key, continueCookieOptions());
  return renderPortal(c, 'portal/landing', { title: 'landing', formKey: key }, status);
}

const refused = (c: Parameters<typeof renderPortal>[0], asked = false) => {
  const key = randomBytes(24).toString('base64url');
  setCookie(c, continueCookieName(), key, continueCookieOptions());
  return renderPortal(c, 'portal/refused', { title: 'refused', formKey: key, asked }, 410);
};

portalLinkRoutes.get('/:token', async (c) => {
  const refusal = await throttled(c);
  if (refusal) return refusal;
  const link = await liveLinkByToken(c.req.param('token'), new Date());
  return link ? landing(c) : refused(c);
});

portalLinkRoutes.post('/:token', async (c) => {
  const refusal = await throttled(c);
  if (refusal) return refusal;
  const body = await c.req.parseBody();
  // The form key proves the press came from the landing page in this browser, not from another site's form.
  if (!csrfTokenMatches(getCookie(c, continueCookieName()), typeof body._key === 'string' ? body._key : undefined)) return landing(c, 400);
  const opened = await openPortalLink({ token: c.req.param('token'), userAgent: c.req.header('User-Agent'), idleMs: portalIdleMs() });
  if (!opened) return refused(c);
  // A session cookie the browser already had (another link, or one planted on it) ends here: the new session is always fresh.
  const previous = getCookie(c, portalCookieName());
  if (previous) await endPortalSession(hashSessionToken(previous), new Date());
  deleteCookie(c, continueCookieName(), { path: '/portal/link' });
  setCookie(c, portalCookieName(), opened.sessionToken, portalCookieOptions(Math.max(60, Math.floor((opened.expiresAt.getTime() - Date.now()) / 1000))));
  return c.redirect('/portal', 303);
});

portalLinkRoutes.post('/:token/ask', async (c) => {
  const refusal = await throttled(c);
  if (refusal) return refusal;
  const body = await c.req.parseBody();
  if (!csrfTokenMatches(getCookie(c, continueCookieName()), typeof body._key === 'string' ? body._key : undefined)) return refused(c);
  await askForNewLink(c.req.param('token'));
  return refused(c, true);
});
