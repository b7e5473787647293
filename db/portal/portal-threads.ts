// A case's portal conversation with one contact: one `portal_threads` row
// holding the messages as shown (read with one look-up by _id) and each
// side's read marker; each message is also a row of `messages` of channel
// "portal", in the contact's history like any other message.
import { Types } from 'mongoose';
import { addLinkedRecords } from '../contacts/contact-links';
import { messageCollection, portalThreadCollection, type MessageDoc } from '../models/index';

const threadId = (caseId: Types.ObjectId, contactId: Types.ObjectId) => `${caseId.toHexString()}:${contactId.toHexString()}`;

export type NewPortalMessage = { contactId: Types.ObjectId; caseId: Types.ObjectId; direction: 'inbound' | 'outbound'; body: string; at: Date; causedBy?: { id: Types.ObjectId; name: string } };
/** A message as a thread shows it; `readAt` is when the other side had read up to it. */
export type ThreadMessage = { _id: Types.ObjectId; at: Date; direction: 'inbound' | 'outbound'; body: string; causedBy?: { name: string }; readAt?: Date };
export type Thread = { messages: ThreadMessage[]; unreadByContact: number; unreadByStaff: number };

export async function insertPortalMessage(m: NewPortalMessage): Promise<MessageDoc> {
  const doc = { _id: new Types.ObjectId(), contactId: m.contactId, caseId: m.caseId, channel: 'portal', direction: m.direction, body: m.body, at: m.at, causedBy: m.causedBy } as MessageDoc;
  await messageCollection.insertOne(doc);
  await addLinkedRecords('message', m.contactId, [{ id: doc._id, at: m.at }]);
  await portalThreadCollection.updateOne(
    { _id: threadId(m.caseId, m.contactId) },
    { $push: { entries: { id: doc._id, at: m.at, direction: m.direction, body: m.body, ...(m.causedBy ? { by: m.causedBy.name } : {}) } }, $inc: { [m.direction === 'outbound' ? 'unreadByContact' : 'unreadByStaff']: 1 } },
    { upsert: true },
  );
  return doc;
}

/** The thread's latest messages, oldest first. */
export async function portalThread(caseId: Types.ObjectId, contactId: Types.ObjectId, limit = 100): Promise<Thread> {
  const row = await portalThreadCollection.findOne({ _id: threadId(caseId, contactId) });
  const readBy = { inbound: row?.staffReadAt ?? undefined, outbound: row?.contactReadAt ?? undefined };
  const messages = (row?.entries ?? []).slice(-limit).map((e) => {
    const read = readBy[e.direction];
    return { _id: e.id, at: e.at, direction: e.direction, body: e.body, causedBy: e.by ? { name: e.by } : undefined, readAt: read && read >= e.at ? read : undefined };
  });
  return { messages, unreadByContact: row?.unreadByContact ?? 0, unreadByStaff: row?.unreadByStaff ?? 0 };
}

/** One side opened the thread: what the other side wrote is read (a write only when something was unread). */
export async function markThreadRead(caseId: Types.ObjectId, contactId: Types.ObjectId, thread: Thread, side: 'contact' | 'staff', at: Date): Promise<void> {
  if ((side === 'contact' ? thread.unreadByContact : thread.unreadByStaff) === 0) return;
  await portalThreadCollection.updateOne({ _id: threadId(caseId, contactId) }, { $set: side === 'contact' ? { unreadByContact: 0, contactReadAt: at } : { unreadByStaff: 0, staffReadAt: at } });
}

/** How many of staff's messages on a thread the contact has not opened yet. */
export async function unreadByContact(caseId: Types.ObjectId, contactId: Types.ObjectId): Promise<number> {
  return (await portalThreadCollection.findOne({ _id: threadId(caseId, contactId) }))?.unreadByContact ?? 0;
}
