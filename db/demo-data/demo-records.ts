import type { mongo, Types } from 'mongoose';
import { Case, Contact, linkListCollection, Message, Note, type CaseDoc, type ContactDoc, type LinkListDoc, type MessageDoc, type NoteDoc } from '../models/index';
import type { ContactRecord } from '../../domain/contacts/build-contact-record';
import { typedCollection } from '../typed-collection';

/** Demo records as the seeding batch builds them: whole documents with ids derived from (seed, index). */
export type DemoContact = ContactRecord & Pick<ContactDoc, '_id' | 'caseStatuses' | 'createdAt' | 'updatedAt'>;
export type DemoCase = Pick<CaseDoc, '_id' | 'number' | 'title' | 'status' | 'practiceArea'> & { contacts: { contactId: Types.ObjectId; role: CaseDoc['contacts'][number]['role']; linkedAt: Date }[] };
export type DemoMessage = Pick<MessageDoc, '_id' | 'contactId' | 'channel' | 'direction' | 'body' | 'at'>;
export type DemoNote = Pick<NoteDoc, '_id' | 'contactId' | 'html' | 'authorId' | 'authorName' | 'createdAt' | 'updatedAt'>;

// Demo documents are written as built, without the fields Mongoose would default (timestamps on cases,
// empty attachment and history lists on notes): the collections typed for what is really stored.
const demoContacts = typedCollection<DemoContact>(Contact);
const demoCases = typedCollection<DemoCase>(Case);
const demoMessages = typedCollection<DemoMessage>(Message);
const demoNotes = typedCollection<DemoNote>(Note);

/** Inserts documents, treating "already exists" as done (a retried batch); returns how many were new. */
async function insertMissing<T extends mongo.Document>(collection: mongo.Collection<T>, docs: mongo.OptionalUnlessRequiredId<T>[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    return (await collection.insertMany(docs, { ordered: false })).insertedCount;
  } catch (err) {
    const e = err as { code?: number; writeErrors?: { code?: number }[]; result?: { insertedCount?: number }; insertedCount?: number };
    const errors = e.writeErrors ?? [];
    const onlyDuplicates = errors.length > 0 ? errors.every((w) => w.code === 11000) : e.code === 11000;
    if (!onlyDuplicates) throw err;
    return e.insertedCount ?? e.result?.insertedCount ?? docs.length - errors.length;
  }
}

/**
 * Writes one seeding batch's records, kind by kind (`onKind` is told which,
 * so the activity can heartbeat between them). Idempotent: a retry after a
 * crash skips what the first attempt wrote.
 */
export async function insertDemoRecords(o: { contacts: DemoContact[]; cases: DemoCase[]; messages: DemoMessage[]; notes: DemoNote[]; linkLists: LinkListDoc[]; onKind: (kind: string) => void }): Promise<void> {
  o.onKind('contacts');
  await insertMissing(demoContacts, o.contacts);
  o.onKind('cases');
  await insertMissing(demoCases, o.cases);
  o.onKind('messages');
  await insertMissing(demoMessages, o.messages);
  o.onKind('notes');
  await insertMissing(demoNotes, o.notes);
  o.onKind('links');
  await insertMissing(linkListCollection, o.linkLists);
}
