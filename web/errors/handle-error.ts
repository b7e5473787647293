import { loggablePath } from './loggable-path';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { logger } from '../../logging/logger';
import { AppError, type AppErrorCode } from '../../domain/app-error';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { isDatabaseUnavailable } from '../../db/database-unavailable';
import { config } from '../../config/config';

const STATUS: Record<AppErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400, CONFLICT: 409, RATE_LIMITED: 429, UNAVAILABLE: 503 };

/** The page (on this site) the failed request was made from, to go back to and try again; a path only, never another site. */
function pageCameFrom(c: Context<AppEnv>): string | undefined {
  const referer = c.req.header('Referer');
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    const here = new URL(c.req.url);
    const ownHost = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).host : here.host;
    const path = from.pathname + from.search;
    // A page that failed to load itself is no way back; a form that failed to send is.
    if (from.host !== ownHost || (c.req.method === 'GET' && path === here.pathname + here.search) || from.pathname.startsWith('/login')) return undefined;
    return path;
  } catch {
    return undefined;
  }
}

/** Maps errors to a status and a friendly page (or fragment for htmx); never a stack trace. */
export function handleError(err: Error, c: Context<AppEnv>) {
  let status = 500;
  let message = 'Something went wrong on our side. The error was logged; try again in a moment.';
  if (err instanceof AppError) {
    status = STATUS[err.code];
    message = err.message;
  } else if (err instanceof HTTPException) {
    status = err.status;
    message = status === 403 ? 'This request was refused because it came from another site.' : err.message || 'Request refused.';
  } else if (isDatabaseUnavailable(err)) {
    // Said as what it is, with nothing to report: the database is down or restarting (the load-fault bench).
    status = 503;
    message = 'The database is not answering right now, so this was not done. Nothing you saved before is lost; try again in a moment.';
    c.header('Retry-After', '5');
    logger.warn({ path: loggablePath(c.req.path), err: { type: err.name, message: err.message } }, 'request failed: database unavailable');
  } else {
    logger.error({ err, path: loggablePath(c.req.path) }, 'request failed');
  }
  if (isHtmx(c)) {
    c.header('HX-Retarget', '#flash');
    c.header('HX-Reswap', 'innerHTML');
  }
  return render(c, isHtmx(c) ? 'errors/fragment' : 'errors/page', { title: 'Error', status, message, back: pageCameFrom(c) }, status);
}
