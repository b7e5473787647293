import mongoose, { Types } from 'mongoose';
import { linkListCollection } from '../models/index';
import { recordCaseChanges } from '../cases/case-changes';

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
  await linkListCollection.updateOne({ _id: listId(kind, contactId) }, { $addToSet: { keys: { $each: refs.map(linkKey) } } }, { upsert: true });
}

export async function removeLinkedRecords(kind: ContactLinkKind, contactId: Types.ObjectId | string, refs: LinkedRef[]): Promise<void> {
  if (refs.length === 0) return;
  await linkListCollection.updateOne({ _id: listId(kind, contactId) }, { $pullAll: { keys: refs.map(linkKey) } });
}

export type LinkedPage = { refs: LinkedRef[]; total: number; olderCursor?: string };

/** A contact's linked records of one kind, newest first, optionally before a cursor. */
export async function linkedRecords(kind: ContactLinkKind, contactId: Types.ObjectId | string, o: { limit?: number; before?: string } = {}): Promise<LinkedPage> {
  const list = await linkListCollection.findOne({ _id: listId(kind, contactId) });
  const keys = (list?.keys ?? []).slice().sort().reverse();
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

/** Several link lists by list id ("<kind>:<contactId>"); a missing list reads as empty. */
export async function readLinkLists(ids: string[]): Promise<Record<string, string[]>> {
  const lists = await Promise.all(ids.map((id) => linkListCollection.findOne({ _id: id })));
  return Object.fromEntries(ids.map((id, i) => [id, lists[i]?.keys ?? []]));
}

/** A change to one link list: add keys (creating the list), remove keys, or set it whole (creating it only when `upsert`). */
export type LinkListChange = { listId: string } & ({ add: string[] } | { remove: string[] } | { set: string[]; upsert?: boolean });

/** Applies several link-list changes in one unordered bulk write (a merge's or an unmerge's). */
export async function changeLinkLists(changes: LinkListChange[]): Promise<void> {
  if (!changes.length) return;
  await linkListCollection.bulkWrite(
    changes.map((c) => {
      const filter = { _id: c.listId };
      if ('add' in c) return { updateOne: { filter, update: { $addToSet: { keys: { $each: c.add } } }, upsert: true } };
      if ('remove' in c) return { updateOne: { filter, update: { $pullAll: { keys: c.remove } } } };
      return { updateOne: { filter, update: { $set: { keys: c.set } }, upsert: c.upsert ?? false } };
    }),
    { ordered: false },
  );
}

/**
 * The records of a link kind that holds its links in an array (cases), by id:
 * one round trip per thousand ids ($in), so small lists cost one request.
 * (FerretDB v1 scans the collection for $in; at merge sizes that is still one request.)
 */
export async function findArrayLinkedRecords(kind: ContactLinkKind, ids: Types.ObjectId[]): Promise<mongoose.mongo.Document[]> {
  const out: mongoose.mongo.Document[] = [];
  for (let i = 0; i < ids.length; i += 1000) out.push(...(await linkedCollection(kind).find({ _id: { $in: ids.slice(i, i + 1000) } }).toArray()));
  return out;
}

/** Sets the link arrays of records of an array kind (cases' contacts), record id -> links. */
export async function setLinkArrays(kind: ContactLinkKind, arrays: Record<string, unknown[]>): Promise<void> {
  const path = CONTACT_LINK_KINDS[kind].field.split('.')[0]!;
  const ops = Object.entries(arrays).map(([id, links]) => ({ updateOne: { filter: { _id: new Types.ObjectId(id) }, update: { $set: { [path]: links } } } }));
  if (ops.length) await linkedCollection(kind).bulkWrite(ops, { ordered: false });
  // A merge can leave a shared case with fewer contacts: the case list shows the count.
  if (ops.length && kind === 'case') await recordCaseChanges(Object.keys(arrays).map((id) => new Types.ObjectId(id)));
}

/**
 * Gives every record of a (non-array) kind linked to `from` to `to`, in one
 * statement: the contactId index serves it on MongoDB, and on FerretDB one
 * pass beats thousands of single-document updates (0.5 s against 2.3 s for
 * 5,000 messages).
 */
export async function relinkAllRecords(kind: ContactLinkKind, from: Types.ObjectId, to: Types.ObjectId): Promise<void> {
  const { field } = CONTACT_LINK_KINDS[kind];
  await linkedCollection(kind).updateMany({ [field]: from }, { $set: { [field]: to } });
}

/** Gives exactly these records of a (non-array) kind to `to`, by _id, ten thousand per statement. */
export async function relinkRecords(kind: ContactLinkKind, ids: Types.ObjectId[], to: Types.ObjectId): Promise<void> {
  const { field } = CONTACT_LINK_KINDS[kind];
  for (let i = 0; i < ids.length; i += 10_000) await linkedCollection(kind).updateMany({ _id: { $in: ids.slice(i, i + 10_000) } }, { $set: { [field]: to } });
}
