import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PortalEnv } from './portal-env';
import { renderPortal } from './render-portal';

// A portal form post (answers, a message, a drawn signature) is read whole
// to be parsed, so it is capped before anything reads it: 2 MB is far above
// any real form. File uploads (multipart) stream and are limited per file.
export const PORTAL_FORM_MAX_BYTES = 2 * 1024 * 1024;

const limit = bodyLimit({ maxSize: PORTAL_FORM_MAX_BYTES, onError: (c) => renderPortal(c as never, 'portal/error', { title: 'error', plain: 'This form is too large to send. Shorten the longest answers and try again.' }, 413) });

export const limitPortalFormBodies: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (c.req.method !== 'POST' || (c.req.header('Content-Type') ?? '').includes('multipart/form-data')) return next();
  return limit(c as never, next);
};
