import type { Types } from 'mongoose';
import { Case, Contact, linkListCollection, Message, Note, type CaseDoc, type ContactDoc, type LinkListDoc, type MessageDoc, type NoteDoc } from '../models/index';
import type { ContactRecord } from '../../domain/contacts/build-contact-record';
import { insertMissing } from '../insert-missing';
import { recordCaseChanges } from '../cases/case-changes';
import { caseTitleWords, toCaseListRow } from '../../domain/cases/case-list-row';
import { typedCollection } from '../typed-collection';

/** Demo records as the seeding batch builds them: whole documents with ids derived from (seed, index). */
export type DemoContact = ContactRecord & Pick<ContactDoc, '_id' | 'caseStatuses' | 'createdAt' | 'updatedAt'>;
export type DemoCase = Pick<CaseDoc, '_id' | 'number' | 'title' | 'status' | 'practiceArea'> & { titleWords?: string[] } & { contacts: { contactId: Types.ObjectId; role: CaseDoc['contacts'][number]['role']; linkedAt: Date }[] };
export type DemoMessage = Pick<MessageDoc, '_id' | 'contactId' | 'channel' | 'direction' | 'body' | 'at'>;
export type DemoNote = Pick<NoteDoc, '_id' | 'contactId' | 'html' | 'authorId' | 'authorName' | 'createdAt' | 'updatedAt'>;

// Demo documents are written as built, without the fields Mongoose would default (timestamps on cases,
// empty attachment and history lists on notes): the collections typed for what is really stored.
const demoContacts = typedCollection<DemoContact>(Contact);
const demoCases = typedCollection<DemoCase>(Case);
const demoMessages = typedCollection<DemoMessage>(Message);
const demoNotes = typedCollection<DemoNote>(Note);

/**
 * Writes one seeding batch's records, kind by kind (`onKind` is told which,
 * so the activity can heartbeat between them). Idempotent: a retry after a
 * crash skips what the first attempt wrote.
 */
export async function insertDemoRecords(o: { contacts: DemoContact[]; cases: DemoCase[]; messages: DemoMessage[]; notes: DemoNote[]; linkLists: LinkListDoc[]; onKind: (kind: string) => void }): Promise<{ insertedContacts: DemoContact[] }> {
  o.onKind('contacts');
  const insertedContacts = (await insertMissing(demoContacts, o.contacts)) as DemoContact[];
  o.onKind('cases');
  await insertMissing(demoCases, o.cases.map((k) => ({ ...k, titleWords: caseTitleWords(k.title) })));
  // With their list rows, so the case list index takes them from the log (a retry logs them again: harmless).
  await recordCaseChanges(o.cases.map((k) => k._id), o.cases.map(toCaseListRow));
  o.onKind('messages');
  await insertMissing(demoMessages, o.messages);
  o.onKind('notes');
  await insertMissing(demoNotes, o.notes);
  o.onKind('links');
  await insertMissing(linkListCollection, o.linkLists);
  return { insertedContacts };
}
