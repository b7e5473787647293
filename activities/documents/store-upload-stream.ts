import type { Types } from 'mongoose';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { audit, type Actor } from '../../db/audit';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import { addCaseDocument, insertDocument, listOnPortal } from '../../db/documents/documents';
import type { DocumentDoc } from '../../db/models/index';
import { safeFileName } from '../../domain/documents/safe-file-name';
import type { Storage } from '../../storage/storage';
import { classifyUpload, SNIFF_BYTES, tooLarge } from './accept-upload';

export type StreamedUpload = { ok: true; document: DocumentDoc } | { ok: false; name: string; reason: string };

/** Thrown inside the stream when the file breaks a rule mid-way; becomes the upload's reason. */
class UploadRefused extends Error {}

/**
 * One uploaded file, from the request straight into storage: its first bytes
 * decide its type before anything is stored; the rest flows through a counter
 * and a hash (and a UTF-8 check for text) into storage, and is cut off at
 * `maxBytes` without reading further. A file refused mid-way is deleted from
 * storage, so what is kept is exactly the accepted files. Memory: one chunk
 * and the first 4 KB, whatever the size.
 */
/** Whose document an upload becomes: a contact's (on a case's tab, with the case noted), or a case's own. */
export type DocumentOwner = { contactId: Types.ObjectId; caseId?: Types.ObjectId } | { contactId?: undefined; caseId: Types.ObjectId };

/** Who sent it: staff (the default), or the contact on the portal (the actor is then the contact, not a staff account). */
export type UploadSource = 'staff' | 'client';

export async function storeUploadStream(o: { fileName: string; stream: Readable; maxBytes: number; owner: DocumentOwner; actor: Actor; storage: Storage; source?: UploadSource }): Promise<StreamedUpload> {
  const name = safeFileName(o.fileName || 'upload');
  const iterator = o.stream[Symbol.asyncIterator]();
  const refuse = (reason: string): StreamedUpload => {
    o.stream.resume(); // drain the rest, so the next file of the request can be read
    return { ok: false, name, reason };
  };
  // The head: enough bytes to tell the type.
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value as Buffer);
    headLength += (next.value as Buffer).length;
  }
  const first = Buffer.concat(head);
  if (first.length === 0) return refuse('The file is empty.');
  if (first.length > o.maxBytes) return refuse(tooLarge(o.maxBytes));
  const kind = await classifyUpload(name, first);
  if (!kind.ok) return refuse(kind.reason);

  const hash = createHash('sha256');
  const decoder = kind.text ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > o.maxBytes) return done(new UploadRefused(tooLarge(o.maxBytes)));
      if (decoder) {
        try {
          if (chunk.includes(0)) throw new Error('NUL');
          decoder.decode(chunk, { stream: true });
        } catch {
          return done(new UploadRefused('This file is named as text but is not plain text.'));
        }
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const rest = ended ? Readable.from([first]) : Readable.from((async function* () {
    yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  })());
  let object: { key: string; size: number };
  try {
    object = await o.storage.put(rest.pipe(check), { filename: name, contentType: kind.mimeType });
  } catch (err) {
    // Storage keeps nothing of a failed input (Storage.put): nothing half there.
    if (err instanceof UploadRefused) return refuse(err.message);
    throw err;
  }
  // Busboy cuts a file at its own limit (maxBytes + 1, so the check above fires first) and marks it truncated.
  if ((o.stream as { truncated?: boolean }).truncated) {
    await o.storage.delete(object.key);
    return refuse(tooLarge(o.maxBytes));
  }
  const document = await insertDocument({
    contactId: o.owner.contactId,
    caseId: o.owner.caseId,
    storageKey: object.key,
    name,
    size: object.size,
    mimeType: kind.mimeType,
    sha256: hash.digest('hex'),
    uploadedBy: o.source === 'client' ? undefined : o.actor.id,
    uploadedByName: o.actor.name,
    ...(o.source === 'client' ? { fromClient: true } : {}),
  });
  if (o.owner.contactId) await addLinkedRecords('document', o.owner.contactId, [{ id: document._id, at: document.createdAt }]);
  else await addCaseDocument(o.owner.caseId, document);
  // What the client sent shows on their portal's Documents.
  if (o.source === 'client') await listOnPortal(document, true);
  await audit(o.actor, 'document.upload', { type: 'Document', id: document._id }, { contactId: o.owner.contactId ? String(o.owner.contactId) : undefined, caseId: o.owner.caseId ? String(o.owner.caseId) : undefined, name: document.name, size: document.size, ...(o.source === 'client' ? { via: 'portal' } : {}) });
  return { ok: true, document };
}
