// A case's portal conversation with one contact: messages of channel
// "portal", in the contact's history like any other message, and listed
// under _id "portal-thread:<caseId>:<contactId>" so a thread is read by _id
// look-ups (contact-links.ts explains why), oldest first.
import { Types } from 'mongoose';
import { addLinkedRecords, findByIds, idOfLinkKey, linkKey } from '../contacts/contact-links';
import { linkListCollection, Message, messageCollection, type MessageDoc } from '../models/index';

const threadId = (caseId: Types.ObjectId, contactId: Types.ObjectId) => `portal-thread:${caseId.toHexString()}:${contactId.toHexString()}`;

export type NewPortalMessage = { contactId: Types.ObjectId; caseId: Types.ObjectId; direction: 'inbound' | 'outbound'; body: string; at: Date; causedBy?: { id: Types.ObjectId; name: string } };

export async function insertPortalMessage(m: NewPortalMessage): Promise<MessageDoc> {
  const doc: MessageDoc = { _id: new Types.ObjectId(), contactId: m.contactId, caseId: m.caseId, channel: 'portal', direction: m.direction, body: m.body, at: m.at, causedBy: m.causedBy } as MessageDoc;
  await messageCollection.insertOne(doc);
  await addLinkedRecords('message', m.contactId, [{ id: doc._id, at: m.at }]);
  // The other side's unread count rides on the list, so Home reads one row, not the thread.
  await threadLists().updateOne({ _id: threadId(m.caseId, m.contactId) }, { $addToSet: { keys: linkKey({ id: doc._id, at: m.at }) }, $inc: { [m.direction === 'outbound' ? 'unreadByContact' : 'unreadByStaff']: 1 } }, { upsert: true });
  return doc;
}

type ThreadListDoc = { _id: string; keys: string[]; unreadByContact?: number; unreadByStaff?: number };
const threadLists = () => linkListCollection as unknown as import('mongodb').Collection<ThreadListDoc>;

/** How many of staff's messages on a thread the contact has not opened yet. */
export async function unreadByContact(caseId: Types.ObjectId, contactId: Types.ObjectId): Promise<number> {
  return (await threadLists().findOne({ _id: threadId(caseId, contactId) }))?.unreadByContact ?? 0;
}

/** The thread's latest messages, oldest first. */
export async function portalThread(caseId: Types.ObjectId, contactId: Types.ObjectId, limit = 50): Promise<MessageDoc[]> {
  const list = await linkListCollection.findOne({ _id: threadId(caseId, contactId) });
  const keys = (list?.keys ?? []).slice().sort().slice(-limit);
  const rows = await findByIds<MessageDoc>(Message, keys.map((k) => new Types.ObjectId(idOfLinkKey(k))));
  // Scoped again by the row itself: a list can only name the thread's own messages, but a merge may have moved one.
  return rows.filter((m) => String(m.contactId) === String(contactId) && String(m.caseId) === String(caseId));
}

/** Marks the thread's messages from one side read (the other side opened it). */
export async function markThreadRead(caseId: Types.ObjectId, contactId: Types.ObjectId, messages: MessageDoc[], direction: 'inbound' | 'outbound', at: Date): Promise<void> {
  const ids = messages.filter((m) => m.direction === direction && !m.readAt).map((m) => m._id);
  if (!ids.length) return;
  for (const _id of ids) await messageCollection.updateOne({ _id }, { $set: { readAt: at } });
  await threadLists().updateOne({ _id: threadId(caseId, contactId) }, { $set: { [direction === 'outbound' ? 'unreadByContact' : 'unreadByStaff']: 0 } });
}
