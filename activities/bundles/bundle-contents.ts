// What goes into a bundle, fixed when it is asked for: a contact's
// documents ("Documents/") and their notes' attachments ("Note
// attachments/"); for a case, its own documents ("Case documents/") and a
// folder per linked contact ("<name> (<role>)/…"). Oldest first in each
// folder, so files that share a name are numbered in upload order.
import { Types } from 'mongoose';
import { findCase } from '../../db/cases/cases';
import { findContacts } from '../../db/contacts/contacts';
import { caseOwnDocuments, contactDocuments } from '../../db/documents/documents';
import type { BundleEntry, CaseDoc, ContactDoc, DocumentDoc } from '../../db/models/index';
import { notesOfContact } from '../../db/notes/notes';
import { uniqueZipNames, safeZipSegment } from '../../domain/bundles/zip-entry-names';
import { displayName } from '../../domain/contacts/contact-search-keys';

// Far beyond any real contact; the list is read whole once per bundle.
const ALL = 1_000_000;

type Placed = { doc: DocumentDoc; folder: string };

async function contactParts(contact: ContactDoc, prefix: string): Promise<Placed[]> {
  const [documents, notes] = await Promise.all([contactDocuments(contact._id, ALL), notesOfContact(contact._id, ALL)]);
  const attachments = new Set(notes.flatMap((n) => (n.attachmentIds ?? []).map(String)));
  const oldestFirst = documents.slice().sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || String(a._id).localeCompare(String(b._id)));
  return oldestFirst.map((doc) => ({ doc, folder: `${prefix}${attachments.has(String(doc._id)) ? 'Note attachments' : 'Documents'}` }));
}

/** The number of each case the documents name, by case id (one look-up per case). */
async function caseNumbers(placed: Placed[], known?: CaseDoc): Promise<Map<string, string>> {
  const numbers = new Map<string, string>(known ? [[String(known._id), known.number]] : []);
  for (const id of new Set(placed.flatMap((p) => (p.doc.caseId ? [String(p.doc.caseId)] : [])))) {
    if (!numbers.has(id)) numbers.set(id, (await findCase(new Types.ObjectId(id)))?.number ?? '');
  }
  return numbers;
}

function toEntries(placed: Placed[], numbers: Map<string, string>, caseNumberOf: (p: Placed) => string | undefined): BundleEntry[] {
  const names = uniqueZipNames(placed.map((p) => ({ folder: p.folder, name: p.doc.name })));
  return placed.map((p, i) => ({
    documentId: String(p.doc._id),
    zipName: names[i]!,
    originalName: p.doc.name,
    size: p.doc.size,
    sha256: p.doc.sha256,
    mimeType: p.doc.mimeType,
    storageKey: p.doc.storageKey,
    uploadedBy: p.doc.uploadedByName ?? '',
    uploadedAt: p.doc.createdAt,
    caseNumber: caseNumberOf(p) ?? (p.doc.caseId ? numbers.get(String(p.doc.caseId)) ?? '' : ''),
  }));
}

export async function contactBundleEntries(contact: ContactDoc): Promise<BundleEntry[]> {
  const placed = await contactParts(contact, '');
  return toEntries(placed, await caseNumbers(placed), () => undefined);
}

export async function caseBundleEntries(kase: CaseDoc): Promise<BundleEntry[]> {
  const own = (await caseOwnDocuments(kase._id, ALL)).slice().sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const placed: Placed[] = own.map((doc) => ({ doc, folder: 'Case documents' }));
  const contacts = new Map((await findContacts(kase.contacts.map((l) => l.contactId))).map((c) => [String(c._id), c]));
  const folders = new Set<string>();
  for (const link of kase.contacts) {
    const contact = contacts.get(String(link.contactId));
    if (!contact || contact.mergedInto) continue;
    // Two contacts with one name and role still get folders of their own.
    let folder = safeZipSegment(`${displayName(contact)} (${link.role})`, 'Contact');
    for (let n = 2; folders.has(folder.toLowerCase()); n++) folder = safeZipSegment(`${displayName(contact)} (${link.role}) ${n}`);
    folders.add(folder.toLowerCase());
    placed.push(...(await contactParts(contact, `${folder}/`)));
  }
  return toEntries(placed, await caseNumbers(placed, kase), (p) => (p.folder === 'Case documents' ? kase.number : undefined));
}
