import { config } from '../../config/config';

// The portal session's cookie is scoped to /portal (staff pages never see it)
// and Strict: no other site can make a request that carries it. With Secure
// cookies it takes the __Secure- prefix (__Host- would need path=/).
export const portalCookieName = () => (config.secureCookies ? '__Secure-casebook_portal' : 'casebook_portal');
export const portalCookieOptions = (maxAgeSeconds: number) => ({ httpOnly: true, sameSite: 'Strict' as const, secure: config.secureCookies, path: '/portal', maxAge: maxAgeSeconds });

// The landing page's one-time form key (a login-CSRF guard: another site cannot make a browser press Continue
// on a link of the attacker's). Lax so it survives the tap from a mail app; it lives ten minutes.
export const continueCookieName = () => (config.secureCookies ? '__Secure-casebook_portal_continue' : 'casebook_portal_continue');
export const continueCookieOptions = () => ({ httpOnly: true, sameSite: 'Lax' as const, secure: config.secureCookies, path: '/portal/link', maxAge: 600 });
