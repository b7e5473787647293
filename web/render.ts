import { Eta } from 'eta';
import type { Context } from 'hono';
import { appFile } from '../config/app-files';
import { can, type Permission } from '../domain/auth/permissions';
import { config } from '../config/config';
import type { AppEnv } from './env';
import { displayFormat, type DisplayFormat } from '../domain/text/display-format';
import { currentCalibration } from '../activities/duplicates/score-calibration';
import { describeCalibration } from '../domain/duplicates/score-calibration';

// One set of formatters per timezone in use (building Intl formatters costs more than a page's rendering of dates).
const formats = new Map<string, DisplayFormat>();
export function formatFor(timeZone: string): DisplayFormat {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = displayFormat({ timeZone, region: config.DEFAULT_PHONE_REGION })));
  return f;
}

const eta = new Eta({
  views: appFile('views'),
  // Compiled once, except in development where a template edit shows on reload (the load bench measured
  // reading and compiling every template on every request at a tenth of the web server's CPU).
  cache: config.NODE_ENV !== 'development',
  autoEscape: true,
  autoTrim: false,
});

/** htmx requests get fragments; plain requests (reload, bookmark, no JS) get the full page. */
export function isHtmx(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';
}

/** Renders a template with what every page needs (user, CSRF token, current path). */
export function render(c: Context<AppEnv>, template: string, data: Record<string, unknown> = {}, status = 200) {
  const html = eta.render(template, {
    user: c.get('user'),
    // For showing only the buttons a person may use; web/auth/require-permission.ts decides what they may do.
    can: (permission: Permission) => Boolean(c.get('user') && can(c.get('user')!.role, permission)),
    csrfToken: c.get('csrfToken') ?? '',
    cspNonce: (c.get as (k: string) => string | undefined)('secureHeadersNonce') ?? '',
    path: c.req.path,
    // Counts, sizes, dates and times (in the reader's timezone), phones and emails, as every page shows them.
    fmt: formatFor(c.get('user')?.timezone ?? config.FIRM_TIMEZONE),
    // What staff decided about pairs scored alike (read only by pages that show a duplicate score).
    calibrationOf: (score: number) => describeCalibration(currentCalibration(), score),
    ...data,
  });
  return c.html(html, status as 200);
}
