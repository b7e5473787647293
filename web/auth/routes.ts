import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { logIn } from '../../activities/auth/log-in';
import { createSession, revokeSession, SESSION_LIMITS } from '../../activities/auth/sessions';
import type { AppEnv } from '../env';
import { render } from '../render';
import { validForm, validQuery } from '../validation';
import { loginForm, safeNext } from './auth.schemas';
import { sessionCookieName, sessionCookieOptions } from './cookie';
import { requestAddress } from './client-address';

export const authRoutes = new Hono<AppEnv>();

const loginQuery = z.object({ next: z.string().optional().catch(undefined) });

authRoutes.get('/login', validQuery(loginQuery), (c) => {
  const { next } = c.req.valid('query');
  if (c.get('user')) return c.redirect(safeNext(next), 303);
  return render(c, 'auth/login', { next: next ?? '', email: '', error: '' });
});

authRoutes.post(
  '/login',
  validForm(loginForm, (c, issues, raw) => render(c, 'auth/login', { next: typeof raw.next === 'string' ? raw.next : '', email: '', error: issues[0]?.message ?? 'Check the form' }, 400)),
  async (c) => {
    const { email, password, next = '' } = c.req.valid('form');
    const outcome = await logIn({ email, password, address: requestAddress(c) });
    if (!outcome.ok && outcome.reason === 'throttled') {
      c.header('Retry-After', String(outcome.retryAfterSeconds));
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      return render(c, 'auth/login', { next, email, error: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` }, 429);
    }
    if (!outcome.ok) return render(c, 'auth/login', { next, email, error: 'Wrong email or password.' }, 401);
    const token = await createSession(outcome.user._id, c.req.header('User-Agent'));
    setCookie(c, sessionCookieName(), token, sessionCookieOptions(SESSION_LIMITS.absoluteMs / 1000));
    return c.redirect(safeNext(next), 303);
  },
);

authRoutes.post('/logout', async (c) => {
  const sessionId = c.get('sessionId');
  if (sessionId) await revokeSession(sessionId);
  deleteCookie(c, sessionCookieName(), { path: '/', secure: sessionCookieOptions(0).secure });
  return c.redirect('/login', 303);
});
