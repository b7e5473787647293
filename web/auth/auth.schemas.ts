import { z } from 'zod';

export const loginForm = z.object({
  email: z.string().trim().toLowerCase().email('Enter your email address'),
  password: z.string().min(1, 'Enter your password').max(200),
  next: z.string().optional(),
});

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/contacts';
}
