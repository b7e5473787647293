import { Hono } from 'hono';
import { AppError } from '../../domain/app-error';
import { logger } from '../../logging/logger';
import { loggablePath } from '../errors/loggable-path';
import { portalAppointmentRoutes } from './appointment-routes';
import { portalDocumentRoutes } from './document-routes';
import { portalHomeRoutes } from './home-routes';
import { portalLinkRoutes } from './link-routes';
import { portalMessageRoutes } from './message-routes';
import { portalTaskRoutes } from './task-routes';
import { portalFormRoutes } from './form-routes';
import { portalIntakeRoutes } from './intake-routes';
import type { PortalEnv } from './portal-env';
import { loadPortalVisitor, portalHeaders, portalNoIndex, requirePortalCsrf, requireVisitor } from './portal-guard';
import { renderPortal } from './render-portal';
import { portalAssetRoutes } from './portal-assets';
import { limitPortalFormBodies } from './portal-body-limit';
import { portalStepUpRoutes, requireStepUp } from './step-up-routes';
import type { PortalTextKey } from '../../domain/portal/portal-strings';

/**
 * The client portal, mounted at /portal in front of every staff middleware:
 * reachable by people who are not staff, so nothing here trusts a staff
 * session, and every read is scoped to the portal session's contact and
 * cases (portal-scope.ts). Errors show the portal's own page, never the
 * staff login or a stack trace.
 */
export const portalRoutes = new Hono<PortalEnv>();

portalRoutes.use('*', portalHeaders, portalNoIndex, limitPortalFormBodies);
portalRoutes.route('/assets', portalAssetRoutes);
// An intake link opens one form for someone who is not a contact: no portal session, its token is its key.
portalRoutes.route('/intake', portalIntakeRoutes);
portalRoutes.use('*', loadPortalVisitor, requirePortalCsrf);
portalRoutes.route('/link', portalLinkRoutes);
portalRoutes.use('/*', requireVisitor);
portalRoutes.route('/confirm', portalStepUpRoutes);
portalRoutes.use('/documents/*', requireStepUp);
portalRoutes.use('/documents', requireStepUp);
portalRoutes.route('/documents', portalDocumentRoutes);
portalRoutes.route('/cases/:caseId/messages', portalMessageRoutes);
portalRoutes.route('/appointments', portalAppointmentRoutes);
portalRoutes.route('/tasks', portalTaskRoutes);
portalRoutes.route('/forms', portalFormRoutes);
portalRoutes.route('/', portalHomeRoutes);
portalRoutes.all('*', (c) => renderPortal(c, 'portal/error', { title: 'error', message: 'error.notFound' }, 404));

portalRoutes.onError((err, c) => {
  if (err instanceof AppError) {
    const key = (err.message.startsWith('error.') ? err.message : undefined) as PortalTextKey | undefined;
    const status = err.code === 'NOT_FOUND' ? 404 : err.code === 'FORBIDDEN' ? 403 : err.code === 'RATE_LIMITED' ? 429 : 400;
    return renderPortal(c, 'portal/error', { title: 'error', message: key, plain: key ? undefined : err.message }, status);
  }
  logger.error({ err, path: loggablePath(c.req.path) }, 'portal request failed');
  return renderPortal(c, 'portal/error', { title: 'error' }, 500);
});
