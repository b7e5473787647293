import { config } from '../../config/config';

// The __Host- prefix makes browsers refuse the cookie unless it is Secure,
// host-only and path=/, so it is used whenever cookies are Secure.
export function sessionCookieName(): string {
  return config.secureCookies ? '__Host-casebook_session' : 'casebook_session';
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'Lax' as const, secure: config.secureCookies, path: '/', maxAge: maxAgeSeconds };
}
