import { z } from 'zod';

export const loginForm = z.object({
  email: z.string().trim().toLowerCase().email('Enter your email address'),
  password: z.string().min(1, 'Enter your password').max(200),
  next: z.string().optional(),
});

// Any origin of our own would do: only whether `next` stays on it matters.
const HERE = 'http://casebook.invalid';

/**
 * Where to go after logging in: a path on this site, never another origin.
 * `next` is read as a browser reads a link (which drops tabs and newlines
 * and takes \ for /, so "/\t/evil.example" is "//evil.example"), and the
 * path comes back percent-encoded, so it can always go in a Location header.
 */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/')) return '/contacts';
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return '/contacts';
  }
  if (url.origin !== HERE) return '/contacts';
  return `${url.pathname}${url.search}${url.hash}`;
}
