// The portal's Documents: what the contact sent (from the client) and what
// staff shared with them, on their own record or on the cases of their
// link, read from the portal's own short lists (db/documents/documents.ts).
// The list and the download read the same set, so a document id is served
// only if this list would show it.
import { portalListedDocuments } from '../../db/documents/documents';
import type { Types } from 'mongoose';
import type { DocumentDoc } from '../../db/models/index';
import type { PortalScope } from './portal-scope';

export type PortalDocuments = { sent: DocumentDoc[]; shared: DocumentDoc[] };

export async function portalDocuments(scope: PortalScope): Promise<PortalDocuments> {
  const listed = await portalListedDocuments({ contactId: scope.contact._id as Types.ObjectId });
  const caseIds = new Set(scope.cases.map((k) => String(k._id)));
  // A contact's document noted on a case is theirs to see only if that case is in the link's scope.
  const inScope = (d: DocumentDoc) => !d.caseId || caseIds.has(String(d.caseId));
  // Each row decides for itself (the list only narrows): still the contact's, still shared or sent, in scope.
  const own = listed.filter((d) => String(d.contactId) === String(scope.contact._id));
  const sent = own.filter((d) => d.fromClient && inScope(d));
  const sharedOwn = own.filter((d) => d.sharedWithClient && !d.fromClient && inScope(d));
  const sharedCase = (await Promise.all(scope.cases.map((k) => portalListedDocuments({ caseId: k._id })))).flat().filter((d) => d.sharedWithClient && !d.contactId && d.caseId && caseIds.has(String(d.caseId)));
  return { sent, shared: [...sharedOwn, ...sharedCase].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()) };
}

export async function portalDocument(scope: PortalScope, id: string): Promise<DocumentDoc | undefined> {
  const { sent, shared } = await portalDocuments(scope);
  return [...sent, ...shared].find((d) => String(d._id) === id);
}
