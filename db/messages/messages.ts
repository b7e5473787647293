import type { Types } from 'mongoose';
import { findByIds, linkedRecords } from '../contacts/contact-links';
import { Message, type MessageDoc } from '../models/index';

export type MessagePage = { rows: MessageDoc[]; total: number; olderCursor?: string; isFirstPage: boolean };

/** One page of a contact's message history, newest first, from its linked-message list; `before` is the previous page's olderCursor. */
export async function messagesOfContact(contactId: Types.ObjectId, o: { limit: number; before?: string }): Promise<MessagePage> {
  const cursor = o.before && /^\d{14}:[0-9a-f]{24}$/.test(o.before) ? o.before : undefined;
  const page = await linkedRecords('message', contactId, { limit: o.limit, before: cursor });
  const rows = await findByIds<MessageDoc>(Message, page.refs.map((r) => r.id));
  return { rows, total: page.total, olderCursor: page.olderCursor, isFirstPage: !cursor };
}
