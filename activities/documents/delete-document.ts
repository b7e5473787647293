import { audit, type Actor } from '../../db/audit';
import { removeLinkedRecords } from '../../db/contacts/contact-links';
import { markDocumentDeleted, removeCaseDocument } from '../../db/documents/documents';
import type { DocumentDoc } from '../../db/models/index';
import type { Storage } from '../../storage/storage';

/** Deletes a document: off the contact's list, its bytes out of storage, its record kept as deleted, and audited. */
export async function deleteDocument(o: { document: DocumentDoc; actor: Actor; storage: Storage }): Promise<void> {
  const doc = o.document;
  await markDocumentDeleted(doc._id);
  if (doc.contactId) await removeLinkedRecords('document', doc.contactId, [{ id: doc._id, at: doc.createdAt }]);
  else if (doc.caseId) await removeCaseDocument(doc.caseId, doc);
  await o.storage.delete(doc.storageKey);
  await audit(o.actor, 'document.delete', { type: 'Document', id: doc._id }, { contactId: doc.contactId ? String(doc.contactId) : undefined, caseId: doc.caseId ? String(doc.caseId) : undefined, name: doc.name, size: doc.size, sha256: doc.sha256 });
}
