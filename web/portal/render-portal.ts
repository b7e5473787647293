import { Eta } from 'eta';
import type { Context } from 'hono';
import { appFile } from '../../config/app-files';
import { config } from '../../config/config';
import { formatFor } from '../render';
import { portalErrorHeadingKey, portalText, type PortalTextKey } from '../../domain/portal/portal-strings';
import type { PortalEnv } from './portal-env';

const eta = new Eta({ views: appFile('views'), cache: config.NODE_ENV !== 'development', autoEscape: true, autoTrim: false });

/**
 * A portal page: the portal's own layout (the firm's name and colour, no
 * staff navigation), every word through `t` (domain/portal/portal-strings.ts),
 * times in the contact's timezone.
 */
export function renderPortal(c: Context<PortalEnv>, template: string, data: Record<string, unknown> = {}, status = 200, timeZone?: string) {
  const firm = config.FIRM_NAME;
  const t = (key: PortalTextKey, vars: Record<string, string | number> = {}) => portalText(key, { firm, ...vars });
  const html = eta.render(template, {
    t,
    firm,
    firmColor: config.FIRM_COLOR,
    csrfToken: c.get('visitor')?.csrfToken ?? '',
    signedIn: Boolean(c.get('visitor')),
    path: c.req.path,
    fmt: formatFor(timeZone ?? config.FIRM_TIMEZONE),
    headingKey: portalErrorHeadingKey(status),
    ...data,
  });
  return c.html(html, status as 200);
}
