import { Hono } from 'hono';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { insertPortalNotice } from '../../db/portal/portal-notices';
import { config } from '../../config/config';
import { csrfTokenMatches } from '../auth/middleware';
import { serveDocument } from '../documents/serve-document';
import { receiveDocumentUploads } from '../documents/receive-document-uploads';
import type { PortalEnv } from './portal-env';
import { portalDocument, portalDocuments } from './portal-documents';
import { caseInScope, portalScope } from './portal-scope';
import { renderPortal } from './render-portal';
import { AppError } from '../../domain/app-error';

/** The portal's Documents: the lists, downloads, and uploads from the phone (streamed and checked by content, as on the staff side). */
export const portalDocumentRoutes = new Hono<PortalEnv>();

async function page(c: Parameters<typeof renderPortal>[0], extra: Record<string, unknown> = {}, status = 200) {
  const scope = await portalScope(c.get('visitor')!);
  const docs = await portalDocuments(scope);
  return renderPortal(c, 'portal/documents', { title: 'documents', contact: scope.contact, cases: scope.cases, ...docs, uploadMaxBytes: config.UPLOAD_MAX_BYTES, ...extra }, status, scope.contact.timezone || config.FIRM_TIMEZONE);
}

portalDocumentRoutes.get('/', (c) => page(c));

portalDocumentRoutes.post('/', async (c) => {
  const visitor = c.get('visitor')!;
  const scope = await portalScope(visitor);
  const contact = scope.contact;
  const results = await receiveDocumentUploads(c.req.raw, {
    csrfToken: visitor.csrfToken,
    headerTokenChecked: csrfTokenMatches(visitor.csrfToken, c.req.header('X-CSRF-Token')),
    maxBytes: config.UPLOAD_MAX_BYTES,
    // The case named in the form, and only one of the link's: a file never lands on a case the link does not open.
    owner: (fields) => ({ contactId: contact._id, caseId: caseInScope(scope, fields.caseId || (scope.cases.length === 1 ? String(scope.cases[0]!._id) : undefined))._id }),
    actor: { id: contact._id, name: `${displayName(contact)} (client)` },
    storage: c.get('services').storage,
    source: 'client',
  });
  const stored = results.flatMap((r) => (r.ok ? [r.document] : []));
  if (stored.length) {
    const kase = scope.cases.find((k) => k._id.equals(stored[0]!.caseId!));
    await insertPortalNotice({ kind: 'upload', contactId: contact._id, caseId: stored[0]!.caseId, refId: stored[0]!._id, summary: `${displayName(contact)} sent ${stored.length === 1 ? `“${stored[0]!.name}”` : `${stored.length} documents`}${kase ? ` on case ${kase.number}` : ''}.`, at: new Date() });
  }
  return page(c, { received: stored.map((d) => d.name), refused: results.flatMap((r) => (r.ok ? [] : [r])) }, stored.length || !results.length ? 200 : 422);
});

portalDocumentRoutes.get('/:id', async (c) => {
  const scope = await portalScope(c.get('visitor')!);
  const doc = await portalDocument(scope, c.req.param('id'));
  if (!doc) throw new AppError('NOT_FOUND', 'error.notFound');
  return serveDocument(c, doc, { download: c.req.query('download') === '1' });
});
