import { Types } from 'mongoose';
import { findByIds, idOfLinkKey, linkedRecords, linkKey } from '../contacts/contact-links';
import { ContactDocument, documentCollection, linkListCollection, type DocumentDoc } from '../models/index';

/** A contact's documents, newest first (deleted ones are not in the list). */
export async function contactDocuments(contactId: Types.ObjectId, limit = 200) {
  const { refs } = await linkedRecords('document', contactId, { limit });
  return (await findByIds<DocumentDoc>(ContactDocument, refs.map((r) => r.id))).filter((d) => !d.deletedAt);
}

/** Documents by id (a task's files), deleted ones left out. */
export async function findDocumentsByIds(ids: Types.ObjectId[]): Promise<DocumentDoc[]> {
  return (await findByIds<DocumentDoc>(ContactDocument, ids)).filter((d) => !d.deletedAt);
}

/** Attachments of the given notes, by note id, for rendering. */
export async function attachmentsByNote(notes: { _id: Types.ObjectId; attachmentIds?: Types.ObjectId[] }[]) {
  const ids = notes.flatMap((n) => n.attachmentIds ?? []);
  if (!ids.length) return new Map<string, { _id: Types.ObjectId; name: string }[]>();
  const docs = (await findByIds<DocumentDoc>(ContactDocument, ids)).filter((d) => !d.deletedAt);
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  return new Map(notes.map((n) => [String(n._id), (n.attachmentIds ?? []).map((id) => byId.get(String(id))).filter((d): d is NonNullable<typeof d> => Boolean(d))]));
}

export async function findDocument(id: Types.ObjectId): Promise<DocumentDoc | null> {
  return ContactDocument.findOne({ _id: id }).lean<DocumentDoc>();
}

export type NewDocument = Pick<DocumentDoc, 'contactId' | 'caseId' | 'storageKey' | 'name' | 'size' | 'mimeType' | 'sha256' | 'uploadedBy' | 'uploadedByName'> & { fromClient?: boolean };

/** A document under an id fixed in advance (demo data): a second insert finds it there and changes nothing. */
export async function insertDocumentOnce(doc: NewDocument & { _id: Types.ObjectId; createdAt: Date }): Promise<void> {
  await documentCollection.insertOne({ ...doc, updatedAt: doc.createdAt } as DocumentDoc).catch((err: { code?: number }) => {
    if (err.code !== 11000) throw err;
  });
}

export async function insertDocument(doc: NewDocument): Promise<DocumentDoc> {
  return (await ContactDocument.create(doc)).toObject() as DocumentDoc;
}

/** Marks a document deleted (its record stays for the audit trail; its bytes are removed from storage by the caller). */
export async function markDocumentDeleted(id: Types.ObjectId): Promise<void> {
  await ContactDocument.updateOne({ _id: id }, { $set: { deletedAt: new Date() } });
}

/** A case's own documents (uploaded on its Case Documents tab), newest first. */
export async function caseOwnDocuments(caseId: Types.ObjectId, limit = 500) {
  const list = await linkListCollection.findOne({ _id: caseDocumentListId(caseId) });
  const keys = (list?.keys ?? []).slice().sort().reverse().slice(0, limit);
  return (await findByIds<DocumentDoc>(ContactDocument, keys.map((k) => new Types.ObjectId(idOfLinkKey(k))))).filter((d) => !d.deletedAt);
}

// A case's own documents are listed like a contact's (contact-links.ts), under _id "case-document:<caseId>".
const caseDocumentListId = (caseId: Types.ObjectId) => `case-document:${caseId.toHexString()}`;

export async function addCaseDocument(caseId: Types.ObjectId, doc: { _id: Types.ObjectId; createdAt: Date }): Promise<void> {
  await linkListCollection.updateOne({ _id: caseDocumentListId(caseId) }, { $addToSet: { keys: linkKey({ id: doc._id, at: doc.createdAt }) } }, { upsert: true });
}

export async function removeCaseDocument(caseId: Types.ObjectId, doc: { _id: Types.ObjectId; createdAt: Date }): Promise<void> {
  await linkListCollection.updateOne({ _id: caseDocumentListId(caseId) }, { $pullAll: { keys: [linkKey({ id: doc._id, at: doc.createdAt })] } });
}

/** Staff share a document with its contact (it shows on their portal) or take it back. */
export async function setDocumentShared(id: Types.ObjectId, shared: boolean): Promise<void> {
  await ContactDocument.updateOne({ _id: id }, shared ? { $set: { sharedWithClient: true } } : { $unset: { sharedWithClient: 1 } });
}

// What a contact's portal shows (what they sent, what staff shared with them, theirs or their cases' own) is listed
// apart, under "portal-document:<contactId>" and "portal-case-document:<caseId>", so the portal reads those few
// documents, not every document of the contact. The list only narrows: each row's own flags decide.
const portalListId = (owner: { contactId?: Types.ObjectId | null; caseId?: Types.ObjectId | null }) =>
  owner.contactId ? `portal-document:${owner.contactId.toHexString()}` : `portal-case-document:${owner.caseId!.toHexString()}`;

export async function listOnPortal(doc: { _id: Types.ObjectId; createdAt: Date; contactId?: Types.ObjectId | null; caseId?: Types.ObjectId | null }, shown: boolean): Promise<void> {
  const key = linkKey({ id: doc._id, at: doc.createdAt });
  await linkListCollection.updateOne({ _id: portalListId(doc) }, shown ? { $addToSet: { keys: key } } : { $pullAll: { keys: [key] } }, { upsert: shown });
}

/** The documents listed for a contact's portal (their own) or a case's, newest first; rows that are deleted are left out. */
export async function portalListedDocuments(owner: { contactId: Types.ObjectId } | { caseId: Types.ObjectId }, limit = 300): Promise<DocumentDoc[]> {
  const list = await linkListCollection.findOne({ _id: portalListId(owner) });
  const keys = (list?.keys ?? []).slice().sort().reverse().slice(0, limit);
  return (await findByIds<DocumentDoc>(ContactDocument, keys.map((k) => new Types.ObjectId(idOfLinkKey(k))))).filter((d) => !d.deletedAt);
}
