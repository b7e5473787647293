import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import { insertDocument } from '../../db/documents/documents';
import type { DocumentDoc } from '../../db/models/index';
import type { Storage } from '../../storage/storage';
import { acceptUpload } from './accept-upload';

export type StoredUploads = { stored: DocumentDoc[]; rejected: { name: string; reason: string }[] };

/** Checks each file, stores the accepted ones and links them to the contact; shared by documents and note attachments. */
export async function storeUploads(o: { files: File[]; contactId: Types.ObjectId; actor: Actor; storage: Storage; maxBytes: number }): Promise<StoredUploads> {
  const stored: DocumentDoc[] = [];
  const rejected: { name: string; reason: string }[] = [];
  for (const file of o.files) {
    const accepted = await acceptUpload(file, o.maxBytes);
    if (!accepted.ok) {
      rejected.push({ name: accepted.name, reason: accepted.reason });
      continue;
    }
    const object = await o.storage.put(accepted.bytes, { filename: accepted.name, contentType: accepted.mimeType });
    const doc = await insertDocument({
      contactId: o.contactId,
      storageKey: object.key,
      name: accepted.name,
      size: object.size,
      mimeType: accepted.mimeType,
      sha256: accepted.sha256,
      uploadedBy: o.actor.id,
      uploadedByName: o.actor.name,
    });
    await addLinkedRecords('document', o.contactId, [{ id: doc._id, at: doc.createdAt }]);
    await audit(o.actor, 'document.upload', { type: 'Document', id: doc._id }, { contactId: String(o.contactId), name: doc.name, size: doc.size });
    stored.push(doc);
  }
  return { stored, rejected };
}
