import { Hono } from 'hono';
import { shareDocumentWithClient } from '../../activities/documents/share-document';
import { Types } from 'mongoose';
import { z } from 'zod';
import { deleteDocument } from '../../activities/documents/delete-document';
import { config } from '../../config/config';
import { findDocument } from '../../db/documents/documents';
import { AppError } from '../../domain/app-error';
import { receiveDocumentUploads } from '../documents/receive-document-uploads';
import { serveDocument } from '../documents/serve-document';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validQuery } from '../validation';
import { caseDocumentsQuery, caseDocumentsView, caseTabUrl } from './case-documents';
import { loadCase } from './routes';

/** Uploads on a case's Documents tab (the case's own, or for one of its contacts), and the case's own files. */
export const caseDocumentRoutes = new Hono<AppEnv>();

const uploadQuery = z.object({ contactId: z.string().regex(/^[0-9a-f]{24}$/).optional().catch(undefined) });

/** The sub-tab's panel, for a drop zone to reload after its uploads. */
caseDocumentRoutes.get('/', validQuery(caseDocumentsQuery), async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const query = { ...c.req.valid('query'), tab: 'documents' as const };
  if (!isHtmx(c)) return c.redirect(caseTabUrl(kase._id, query), 303);
  return render(c, 'cases/documents-panel', { kase, ...(await caseDocumentsView(kase, query)) });
});

caseDocumentRoutes.post('/', validQuery(uploadQuery), async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const { contactId } = c.req.valid('query');
  // A contact's upload from the case is theirs, with the case noted; only a contact on this case.
  if (contactId && !kase.contacts.some((l) => String(l.contactId) === contactId)) throw new AppError('BAD_REQUEST', 'That contact is not on this case.');
  const results = await receiveDocumentUploads(c.req.raw, {
    csrfToken: c.get('csrfToken'),
    headerTokenChecked: Boolean(c.req.header('X-CSRF-Token')),
    maxBytes: config.UPLOAD_MAX_BYTES,
    owner: contactId ? { contactId: new Types.ObjectId(contactId), caseId: kase._id } : { caseId: kase._id },
    actor: c.get('user')!,
    storage: c.get('services').storage,
  });
  const stored = results.flatMap((r) => (r.ok ? [r.document] : []));
  const rejected = results.flatMap((r) => (r.ok ? [] : [{ name: r.name, reason: r.reason }]));
  if (c.req.header('Accept')?.includes('application/json')) return c.json({ uploaded: stored.map((d) => ({ id: String(d._id), name: d.name })), rejected }, stored.length ? 201 : 422);
  return c.redirect(caseTabUrl(kase._id, { tab: 'documents', sub: contactId ? 'contact' : 'case' }), 303);
});

async function loadCaseDocument(caseId: Types.ObjectId, documentId: string) {
  const doc = Types.ObjectId.isValid(documentId) ? await findDocument(new Types.ObjectId(documentId)) : null;
  // Only the case's own documents here (a contact's open from their profile's address).
  if (!doc || doc.deletedAt || doc.contactId || String(doc.caseId) !== String(caseId)) throw new AppError('NOT_FOUND', 'This document does not exist or was deleted.');
  return doc;
}

caseDocumentRoutes.get('/:documentId/download', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  return serveDocument(c, await loadCaseDocument(kase._id, c.req.param('documentId')), { download: true });
});

caseDocumentRoutes.post('/:documentId/share', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const doc = await loadCaseDocument(kase._id, c.req.param('documentId'));
  await shareDocumentWithClient({ document: doc, shared: (await c.req.parseBody()).shared === '1', actor: c.get('user')! });
  if (!isHtmx(c)) return c.redirect(caseTabUrl(kase._id, { tab: 'documents', sub: 'case' }), 303);
  return render(c, 'cases/documents-panel', { kase, ...(await caseDocumentsView(kase, { tab: 'documents', sub: 'case' })) });
});

caseDocumentRoutes.post('/:documentId/delete', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const doc = await loadCaseDocument(kase._id, c.req.param('documentId'));
  await deleteDocument({ document: doc, actor: c.get('user')!, storage: c.get('services').storage });
  if (!isHtmx(c)) return c.redirect(caseTabUrl(kase._id, { tab: 'documents', sub: 'case' }), 303);
  return render(c, 'cases/documents-panel', { kase, ...(await caseDocumentsView(kase, { tab: 'documents', sub: 'case' })), deleted: doc.name });
});
