import { Hono } from 'hono';
import { shareDocumentWithClient } from '../../activities/documents/share-document';
import { Types } from 'mongoose';
import { z } from 'zod';
import { deleteDocument } from '../../activities/documents/delete-document';
import { receiveDocumentUploads } from './receive-document-uploads';
import { serveDocument } from './serve-document';
import { latestBundleRegion } from '../bundles/bundle-view';
import { config } from '../../config/config';
import { contactDocuments, findDocument } from '../../db/documents/documents';
import { AppError } from '../../domain/app-error';
import { loadContact } from '../contacts/load-contact';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validQuery } from '../validation';

export const documentRoutes = new Hono<AppEnv>();

const downloadQuery = z.object({ download: z.string().optional().catch(undefined) });

async function documentsFragment(c: Parameters<typeof render>[0], contactId: Types.ObjectId, extra: Record<string, unknown> = {}, status = 200) {
  const contact = await loadContact(String(contactId));
  const [documents, bundleRegion] = await Promise.all([contactDocuments(contactId), latestBundleRegion({ kind: 'contact', id: String(contactId) }, c.get('user')!.id)]);
  return render(c, 'documents/list', { contact, documents, bundleRegion, uploadMaxBytes: config.UPLOAD_MAX_BYTES, ...extra }, status);
}

documentRoutes.get('/', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#documents`, 303);
  return documentsFragment(c, contact._id);
});

documentRoutes.post('/', async (c) => {
  const contact = await loadContact(c.req.param('contactId')!);
  const results = await receiveDocumentUploads(c.req.raw, {
    csrfToken: c.get('csrfToken'),
    // requireCsrfToken has checked a header token already; a form's `_csrf` field is checked here, ahead of the files.
    headerTokenChecked: Boolean(c.req.header('X-CSRF-Token')),
    maxBytes: config.UPLOAD_MAX_BYTES,
    owner: { contactId: contact._id },
    actor: c.get('user')!,
    storage: c.get('services').storage,
  });
  const stored = results.flatMap((r) => (r.ok ? [r.document] : []));
  const rejected = results.flatMap((r) => (r.ok ? [] : [{ name: r.name, reason: r.reason }]));
  if (c.req.header('Accept')?.includes('application/json')) {
    return c.json({ uploaded: stored.map((d) => ({ id: String(d._id), name: d.name })), rejected }, stored.length ? 201 : 422);
  }
  if (!isHtmx(c)) return c.redirect(`/contacts/${contact._id}#documents`, 303);
  return documentsFragment(c, contact._id, { rejected }, stored.length ? 200 : 422);
});

async function loadDocument(contactId: string, documentId: string) {
  if (!Types.ObjectId.isValid(documentId) || !Types.ObjectId.isValid(contactId)) throw new AppError('NOT_FOUND', 'No such document.');
  const doc = await findDocument(new Types.ObjectId(documentId));
  // Scoped to the contact in the URL, so one contact's link never serves another's file.
  if (!doc || doc.deletedAt || String(doc.contactId) !== contactId) throw new AppError('NOT_FOUND', 'This document does not exist or was deleted.');
  return doc;
}

documentRoutes.get('/:documentId/download', validQuery(downloadQuery), async (c) => {
  const doc = await loadDocument(c.req.param('contactId')!, c.req.param('documentId'));
  return serveDocument(c, doc, { download: c.req.valid('query').download !== undefined });
});

/** Staff share a document with the contact (it shows on their portal), or take it back; audited either way. */
documentRoutes.post('/:documentId/share', async (c) => {
  const contactId = c.req.param('contactId')!;
  const doc = await loadDocument(contactId, c.req.param('documentId'));
  const share = (await c.req.parseBody()).shared === '1';
  await shareDocumentWithClient({ document: doc, shared: share, actor: c.get('user')! });
  if (!isHtmx(c)) return c.redirect(`/contacts/${contactId}#documents`, 303);
  return documentsFragment(c, new Types.ObjectId(contactId));
});

documentRoutes.post('/:documentId/delete', async (c) => {
  const contactId = c.req.param('contactId')!;
  const doc = await loadDocument(contactId, c.req.param('documentId'));
  await deleteDocument({ document: doc, actor: c.get('user')!, storage: c.get('services').storage });
  if (!isHtmx(c)) return c.redirect(`/contacts/${contactId}#documents`, 303);
  return documentsFragment(c, new Types.ObjectId(contactId), { deleted: doc.name });
});
