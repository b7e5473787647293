import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { timing } from 'hono/timing';
import { adminRoutes } from './admin/routes';
import { assetRoutes } from './assets/routes';
import { noStoreWhenSignedIn, requireCsrfToken, requireSession } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { requirePermission } from './auth/require-permission';
import { limitWorkPerUser } from './auth/limit-work-per-user';
import { caseRoutes } from './cases/routes';
import { caseDocumentRoutes } from './cases/case-document-routes';
import { contactRoutes } from './contacts/routes';
import { contactDuplicatesRoutes } from './duplicates/contact-duplicates-routes';
import { duplicateQueueRoutes } from './duplicates/routes';
import { contactMergeRoutes, mergeRoutes } from './merge/routes';
import { documentRoutes } from './documents/routes';
import { messageRoutes } from './messages/routes';
import { noteRoutes } from './notes/routes';
import type { AppEnv, AppServices } from './env';
import { handleError } from './errors/handle-error';
import { healthRoutes } from './health/routes';
import { accountRoutes } from './account/routes';
import { importConflictRoutes } from './imports/conflict-routes';
import { importRoutes } from './imports/routes';
import { render } from './render';
import { webhookRoutes } from './webhooks/routes';
import { outboxRoutes } from './outbox/routes';
import { bundleRoutes } from './bundles/routes';
import { portalRoutes } from './portal/routes';
import { portalLinkStaffRoutes, contactPortalLinkRoutes } from './portal-links/routes';
import { casePortalRoutes } from './portal-links/case-portal-routes';
import { caseAppointmentRoutes } from './cases/case-appointment-routes';
import { caseTaskRoutes } from './tasks/case-task-routes';
import { taskRoutes } from './tasks/routes';
import { formTemplateRoutes } from './forms/template-routes';
import { caseFormRoutes } from './forms/case-form-routes';
import { clientActivityRoutes } from './portal-links/client-activity-routes';
import { outboxWebSettings, type OutboxWebSettings } from './outbox/outbox-web-settings';
import { compressPages } from './compress-pages';
import { config } from '../config/config';

/** The staff dashboard: global middleware, then one sub-app per feature. */
export function createApp(given: Omit<AppServices, 'outbox'> & { outbox?: OutboxWebSettings }) {
  const services: AppServices = { ...given, outbox: given.outbox ?? outboxWebSettings(config) };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  // Server-Timing on every response: benchmarks and browser dev tools read the server's own time.
  app.use('*', timing({ crossOrigin: false }));
  app.use('*', compressPages());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Trix adds one <style> element; it carries this per-request nonce (meta csp-nonce).
        styleSrc: ["'self'", NONCE],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      // A response that sets a header of its own keeps it: a served document's sandboxing CSP above all.
      overwrite: false,
    }),
  );
  // Providers' webhooks prove themselves by signature, not by session or CSRF token: answered before those run.
  app.route('/webhooks', webhookRoutes);
  // The client portal is for people who are not staff: its own session, CSRF rule and headers (web/portal/routes.ts).
  app.route('/portal', portalRoutes as unknown as Hono<AppEnv>);
  // Rejects form posts whose Origin is another site, before any session work. Behind a proxy the
  // server does not see the address staff use: PUBLIC_URL names it.
  app.use('*', csrf(config.PUBLIC_URL ? { origin: new URL(config.PUBLIC_URL).origin } : undefined));
  app.use('*', noStoreWhenSignedIn);
  app.use('*', requireSession);
  app.use('*', requireCsrfToken);
  app.use('*', requirePermission);
  app.use('*', limitWorkPerUser);

  app.route('/assets', assetRoutes);
  app.route('/healthz', healthRoutes);
  app.route('/account', accountRoutes);
  app.route('/', authRoutes);
  app.route('/', bundleRoutes);
  app.route('/contacts/:contactId/documents', documentRoutes);
  app.route('/contacts/:contactId/notes', noteRoutes);
  app.route('/contacts/:contactId/messages', messageRoutes);
  app.route('/contacts/:contactId/portal-links', contactPortalLinkRoutes);
  app.route('/portal-links', portalLinkStaffRoutes);
  app.route('/client-activity', clientActivityRoutes);
  app.route('/contacts', contactDuplicatesRoutes);
  app.route('/contacts', contactMergeRoutes);
  app.route('/contacts', importConflictRoutes);
  app.route('/contacts', contactRoutes);
  app.route('/merges', mergeRoutes);
  app.route('/duplicates', duplicateQueueRoutes);
  app.route('/cases/:caseId/documents', caseDocumentRoutes);
  app.route('/cases/:caseId/appointments', caseAppointmentRoutes);
  app.route('/cases/:caseId/tasks', caseTaskRoutes);
  app.route('/cases/:caseId/forms', caseFormRoutes);
  app.route('/cases/:caseId', casePortalRoutes);
  app.route('/cases', caseRoutes);
  app.route('/tasks', taskRoutes);
  app.route('/settings/import', importRoutes);
  app.get('/settings', (c) => c.redirect('/settings/import', 303));
  app.route('/admin/outbox', outboxRoutes);
  app.route('/admin/forms', formTemplateRoutes);
  app.route('/admin', adminRoutes);
  app.get('/', (c) => c.redirect('/contacts', 303));
  app.notFound((c) => render(c, 'errors/page', { title: 'Not found', status: 404, message: 'There is nothing at this address.' }, 404));
  app.onError(handleError);
  return app;
}
