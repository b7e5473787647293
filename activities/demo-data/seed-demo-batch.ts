import { markDemoDatabase } from '../../db/demo-data/demo-database';
import { Types } from 'mongoose';
import { linkKey, listId, type ContactLinkKind, type LinkedRef } from '../../db/contacts/contact-links';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { toListRow } from '../../domain/contacts/contact-list-row';
import { insertDemoRecords, type DemoCase, type DemoContact, type DemoMessage, type DemoNote } from '../../db/demo-data/demo-records';
import type { LinkListDoc } from '../../db/models/index';
import { buildContactRecord } from '../../domain/contacts/build-contact-record';
import { CONTACTS_PER_CASE, generateDemoCase, generateDemoMessages, generateDemoNote } from '../../domain/demo-data/generate-demo-activity';
import { generateDemoContact } from '../../domain/demo-data/generate-demo-contact';
import { demoId } from '../../domain/demo-data/demo-ids';
import { generateDemoDocuments, type DemoDocument } from '../../domain/demo-data/generate-demo-documents';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import { findDocument, insertDocumentOnce } from '../../db/documents/documents';
import type { Storage } from '../../storage/storage';
import { createHash } from 'node:crypto';

export type SeedBatchInput = {
  seed: number;
  from: number;
  count: number;
  totalContacts: number;
  messagesPerContact: number;
  authorId: string;
  authorName: string;
};
/** Rows of each kind the batch's range holds once it has run (written now or by an earlier attempt). */
export type SeedBatchResult = { contacts: number; cases: number; messages: number; notes: number };

/** The documents of one seeding batch, built in memory: what seedDemoBatch writes (and the seed bench's baseline inserts plainly). */
export type DemoBatch = { contacts: DemoContact[]; cases: DemoCase[]; messages: DemoMessage[]; notes: DemoNote[]; linkLists: LinkListDoc[]; documents: { contactId: Types.ObjectId; doc: DemoDocument }[] };

/**
 * Contacts [from, from+count) with their cases, messages and notes, as
 * documents. Ids are derived from (seed, index), so building a range again
 * gives the same documents.
 */
export function buildDemoBatch(input: SeedBatchInput, deps: { defaultPhoneRegion: string; clock: () => Date; withDocuments: boolean }): DemoBatch {
  const { seed, from, count } = input;
  const oid = (hex: string) => new Types.ObjectId(hex);
  const contacts: DemoContact[] = [];
  const contactStatuses = new Map<number, Set<string>>();
  const firstCase = Math.floor(from / CONTACTS_PER_CASE);
  const lastCase = Math.floor((from + count - 1) / CONTACTS_PER_CASE);
  const cases: DemoCase[] = [];
  for (let k = firstCase; k <= lastCase; k++) {
    const c = generateDemoCase(seed, k, input.totalContacts);
    // A case belongs to the batch holding its first contact, so it is written once.
    if (k * CONTACTS_PER_CASE < from) continue;
    for (const link of c.links) {
      const set = contactStatuses.get(link.contactIndex) ?? new Set();
      set.add(c.status);
      contactStatuses.set(link.contactIndex, set);
    }
    cases.push({
      _id: oid(c.id),
      number: c.number,
      title: c.title,
      status: c.status,
      practiceArea: c.practiceArea,
      contacts: c.links.map((l) => ({ contactId: oid(demoId('contact', seed, l.contactIndex)), role: l.role, linkedAt: new Date('2025-01-01T00:00:00Z') })),
    });
  }
  const messages: DemoMessage[] = [];
  const notes: DemoNote[] = [];
  for (let i = from; i < from + count; i++) {
    const { record } = buildContactRecord(generateDemoContact(seed, i), deps.defaultPhoneRegion);
    const contactId = oid(demoId('contact', seed, i));
    contacts.push({ ...record, _id: contactId, caseStatuses: [...(contactStatuses.get(i) ?? [])], createdAt: deps.clock(), updatedAt: deps.clock() });
    for (const m of generateDemoMessages(seed, i, i % (input.messagesPerContact + 1))) {
      messages.push({ _id: oid(m.id), contactId, channel: m.channel, direction: m.direction, body: m.body, at: m.at });
    }
    if (i % 3 === 0) {
      const n = generateDemoNote(seed, i);
      notes.push({ _id: oid(n.id), contactId, html: n.html, authorId: oid(input.authorId), authorName: input.authorName, createdAt: n.at, updatedAt: n.at });
    }
  }
  const documents: { contactId: Types.ObjectId; doc: DemoDocument }[] = [];
  if (deps.withDocuments) {
    for (let i = from; i < from + count; i++) {
      const c = contacts[i - from]!;
      for (const doc of generateDemoDocuments(seed, i, `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim())) documents.push({ contactId: c._id, doc });
    }
  }
  return { contacts, cases, messages, notes, linkLists: linkListDocs({ cases, messages, notes }), documents };
}

/**
 * Writes contacts [from, from+count) with their cases, messages and notes.
 * Ids are derived from (seed, index), so a retry after a crash skips what is
 * already there: the batch is idempotent. `onKind` is told before each
 * kind is written.
 */
export async function seedDemoBatch(input: SeedBatchInput, deps: { defaultPhoneRegion: string; clock: () => Date; onKind: (kind: string) => void; storage?: Storage }): Promise<SeedBatchResult> {
  // Before any contact is written: a batch that dies midway still leaves the database marked as a demo one.
  await markDemoDatabase();
  const { contacts, cases, messages, notes, linkLists, documents } = buildDemoBatch(input, { ...deps, withDocuments: Boolean(deps.storage) });
  const { insertedContacts } = await insertDemoRecords({ contacts, cases, messages, notes, linkLists, onKind: deps.onKind });
  // Recorded on every attempt: a retry after a crash must not leave read models behind. The list rows of the
  // contacts this attempt inserted ride along, so the contacts list shows them at once without reading them back.
  await recordContactChanges(contacts.map((c) => c._id), undefined, { listRows: insertedContacts.map(toListRow) });
  // A heartbeat per file: a batch's few hundred files took more than the heartbeat timeout on a busy machine, and
  // the retry that followed raced the first attempt on the same storage keys.
  for (const { contactId, doc } of documents) {
    deps.onKind('documents');
    await writeDemoDocument(deps.storage!, contactId, doc, input);
  }
  // What this batch guarantees is in the database, the same on a first try and on a retry.
  return { contacts: contacts.length, cases: cases.length, messages: messages.length, notes: notes.length };
}

/**
 * Each contact's lists of linked cases, messages and notes (see
 * db/contacts/contact-links.ts), written whole with inserts: in demo data a
 * contact's messages and notes are all in its own batch and it is on one
 * case at most, written by the batch that writes the case. (Bulk upserts
 * wedged FerretDB.)
 */
function linkListDocs(o: { cases: DemoCase[]; messages: DemoMessage[]; notes: DemoNote[] }): LinkListDoc[] {
  const lists = new Map<string, LinkedRef[]>();
  const add = (kind: ContactLinkKind, contactId: Types.ObjectId, ref: LinkedRef) => {
    const key = listId(kind, contactId);
    (lists.get(key) ?? lists.set(key, []).get(key)!).push(ref);
  };
  for (const c of o.cases) for (const link of c.contacts) add('case', link.contactId, { id: c._id, at: link.linkedAt });
  for (const m of o.messages) if (m.contactId) add('message', m.contactId, { id: m._id, at: m.at });
  for (const n of o.notes) add('note', n.contactId, { id: n._id, at: n.createdAt });
  return [...lists].map(([_id, refs]) => ({ _id, keys: refs.map(linkKey) }));
}

/** One demo document: its bytes under a key fixed in advance (what a killed attempt stored is replaced), then its record and link. */
async function writeDemoDocument(storage: Storage, contactId: Types.ObjectId, doc: DemoDocument, input: SeedBatchInput): Promise<void> {
  const id = new Types.ObjectId(doc.id);
  if (await findDocument(id)) return;
  await storage.delete(doc.storageKey);
  const stored = await storage.put(doc.data, { filename: doc.name, contentType: doc.mimeType, key: doc.storageKey });
  await insertDocumentOnce({
    _id: id,
    contactId,
    storageKey: stored.key,
    name: doc.name,
    size: stored.size,
    mimeType: doc.mimeType,
    sha256: createHash('sha256').update(doc.data).digest('hex'),
    uploadedBy: new Types.ObjectId(input.authorId),
    uploadedByName: input.authorName,
    createdAt: doc.at,
  });
  await addLinkedRecords('document', contactId, [{ id, at: doc.at }]);
}
