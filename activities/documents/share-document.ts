import { audit, type Actor } from '../../db/audit';
import { listOnPortal, setDocumentShared } from '../../db/documents/documents';
import type { DocumentDoc } from '../../db/models/index';

/** Staff share a document with its contact (their portal's "Shared with you") or take it back, audited. */
export async function shareDocumentWithClient(o: { document: DocumentDoc; shared: boolean; actor: Actor }): Promise<void> {
  if (Boolean(o.document.sharedWithClient) === o.shared) return;
  await setDocumentShared(o.document._id, o.shared);
  await listOnPortal(o.document, o.shared);
  await audit(o.actor, o.shared ? 'document.share-with-client' : 'document.unshare-with-client', { type: 'Document', id: o.document._id }, { contactId: o.document.contactId ? String(o.document.contactId) : undefined, caseId: o.document.caseId ? String(o.document.caseId) : undefined });
}
