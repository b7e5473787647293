// Messages waiting for one recipient, oldest first, so that after an outage
// they go out in the order they were queued: a message sends only when no
// older one to the same address is still waiting. One document per recipient
// ("<channel>:<address>"), read and written by _id.
import mongoose, { type Types } from 'mongoose';

type RecipientQueueDoc = { _id: string; pending: string[] };
const recipientQueues = () => mongoose.connection.db!.collection<RecipientQueueDoc>('recipient_queues');

const queueId = (channel: string, to: string) => `${channel}:${to}`;
/** "<queued at, ms, 14 digits>:<message id>": sorts by queue time. */
export const queueKey = (at: Date, messageId: Types.ObjectId | string) => `${String(at.getTime()).padStart(14, '0')}:${String(messageId)}`;

export async function enqueueForRecipient(channel: string, to: string, key: string): Promise<void> {
  await recipientQueues().updateOne({ _id: queueId(channel, to) }, { $addToSet: { pending: key } }, { upsert: true });
}

export async function dequeueForRecipient(channel: string, to: string, key: string): Promise<void> {
  await recipientQueues().updateOne({ _id: queueId(channel, to) }, { $pull: { pending: key } });
}

/** The keys queued before `key` for this recipient that are still waiting. */
export async function olderPendingForRecipient(channel: string, to: string, key: string): Promise<string[]> {
  const doc = await recipientQueues().findOne({ _id: queueId(channel, to) });
  return (doc?.pending ?? []).filter((k) => k < key).sort();
}
