import mongoose, { Types } from 'mongoose';

/**
 * The one registry of what links to a contact. Merging, unmerging, deleting
 * and "everything about this contact" walk this list, so a later feature that
 * links to contacts (portal links, tasks, appointments) registers here and is
 * handled everywhere at once.
 */
export const CONTACT_LINK_KINDS = {
  case: { collection: 'cases', field: 'contacts.contactId', inArray: true },
  message: { collection: 'messages', field: 'contactId', inArray: false },
  note: { collection: 'notes', field: 'contactId', inArray: false },
  document: { collection: 'documents', field: 'contactId', inArray: false },
} as const;

export type ContactLinkKind = keyof typeof CONTACT_LINK_KINDS;
export const contactLinkKinds = Object.keys(CONTACT_LINK_KINDS) as ContactLinkKind[];

// Beside each link kind, every contact has a list of its linked records'
// keys under _id "<kind>:<contactId>". Reading a contact's cases, messages,
// notes and documents is then a look-up by _id plus look-ups by _id, which
// every MongoDB-wire engine serves from an index (FerretDB v1 scans for any
// other filter). Keys are "<time ms, 14 digits>:<id>" so lists sort by time.
import { LinkList } from '../models/link-list';
export { LinkList };

export type LinkedRef = { id: Types.ObjectId; at: Date };

export const listId = (kind: ContactLinkKind, contactId: Types.ObjectId | string) => `${kind}:${String(contactId)}`;
/** The linked record's id in a list key ("<time>:<id>"). */
export const idOfLinkKey = (key: string) => key.slice(key.indexOf(':') + 1);
/** The collection that holds a link kind's records. */
export const linkedCollection = (kind: ContactLinkKind) => mongoose.connection.db!.collection(CONTACT_LINK_KINDS[kind].collection);
export const linkKey = (ref: LinkedRef) => `${String(ref.at.getTime()).padStart(14, '0')}:${String(ref.id)}`;

/** Adds records to a contact's list. Idempotent: adding twice keeps one entry. */
export async function addLinkedRecords(kind: ContactLinkKind, contactId: Types.ObjectId | string, refs: LinkedRef[]): Promise<void> {
  if (refs.length === 0) return;
  await LinkList.collection.updateOne({ _id: listId(kind, contactId) } as never, { $addToSet: { keys: { $each: refs.map(linkKey) } } } as never, { upsert: true });
}

export async function removeLinkedRecords(kind: ContactLinkKind, contactId: Types.ObjectId | string, refs: LinkedRef[]): Promise<void> {
  if (refs.length === 0) return;
  await LinkList.collection.updateOne({ _id: listId(kind, contactId) } as never, { $pullAll: { keys: refs.map(linkKey) } } as never);
}

export type LinkedPage = { refs: LinkedRef[]; total: number; olderCursor?: string };

/** A contact's linked records of one kind, newest first, optionally before a cursor. */
export async function linkedRecords(kind: ContactLinkKind, contactId: Types.ObjectId | string, o: { limit?: number; before?: string } = {}): Promise<LinkedPage> {
  const list = await LinkList.collection.findOne({ _id: listId(kind, contactId) } as never);
  const keys = ((list?.keys as string[] | undefined) ?? []).slice().sort().reverse();
  const start = o.before ? keys.findIndex((k) => k < o.before!) : 0;
  const from = start === -1 ? keys.length : start;
  const limit = o.limit ?? keys.length;
  const page = keys.slice(from, from + limit);
  const refs = page.map((k) => {
    const [ms, id] = k.split(':');
    return { id: new Types.ObjectId(id), at: new Date(Number(ms)) };
  });
  return { refs, total: keys.length, olderCursor: from + limit < keys.length ? page[page.length - 1] : undefined };
}

/** Loads documents by _id, in the order given, skipping missing ones; one indexed look-up each. */
export async function findByIds<T>(model: mongoose.Model<any>, ids: Types.ObjectId[], projection?: Record<string, 0 | 1>): Promise<T[]> {
  const out: (T | null)[] = [];
  for (let i = 0; i < ids.length; i += 16) {
    out.push(...(await Promise.all(ids.slice(i, i + 16).map((id) => model.findOne({ _id: id }, projection).lean<T>()))));
  }
  return out.filter((d): d is Awaited<T> & {} => d !== null) as T[];
}
