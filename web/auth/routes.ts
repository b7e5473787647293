import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { StaffUser } from '../../db/models/index';
import type { AppEnv } from '../env';
import { render } from '../render';
import { loginForm, safeNext } from './auth.schemas';
import { sessionCookieName, sessionCookieOptions } from './cookie';
import { clearLoginFailures, isLoginBlocked, recordLoginFailure } from './login-rate-limit';
import { verifyPassword } from '../../activities/auth/password';
import { createSession, revokeSession, SESSION_TTL_MS } from '../../activities/auth/sessions';

export const authRoutes = new Hono<AppEnv>();

authRoutes.get('/login', (c) => {
  if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303);
  return render(c, 'auth/login', { next: c.req.query('next') ?? '', email: '', error: '' });
});

authRoutes.post('/login', async (c) => {
  const body = await c.req.parseBody();
  const next = typeof body.next === 'string' ? body.next : '';
  const parsed = loginForm.safeParse(body);
  if (!parsed.success) {
    return render(c, 'auth/login', { next, email: '', error: parsed.error.issues[0]?.message ?? 'Check the form' }, 400);
  }
  const { email, password } = parsed.data;
  const clientKey = `${c.req.header('X-Forwarded-For')?.split(',')[0] ?? 'local'}|${email}`;
  if (isLoginBlocked(clientKey)) {
    return render(c, 'auth/login', { next, email, error: 'Too many failed attempts. Wait 15 minutes and try again.' }, 429);
  }
  const user = await StaffUser.findOne({ email }).lean();
  const ok = user && !user.disabledAt && (await verifyPassword(user.passwordHash, password));
  if (!ok || !user) {
    recordLoginFailure(clientKey);
    return render(c, 'auth/login', { next, email, error: 'Wrong email or password.' }, 401);
  }
  clearLoginFailures(clientKey);
  const token = await createSession(user._id, c.req.header('User-Agent'));
  setCookie(c, sessionCookieName(), token, sessionCookieOptions(SESSION_TTL_MS / 1000));
  return c.redirect(safeNext(parsed.data.next), 303);
});

authRoutes.post('/logout', async (c) => {
  const sessionId = c.get('sessionId');
  if (sessionId) await revokeSession(sessionId);
  deleteCookie(c, sessionCookieName(), { path: '/', secure: sessionCookieOptions(0).secure });
  return c.redirect('/login', 303);
});
