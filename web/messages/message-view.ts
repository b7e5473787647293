import type { MessageDoc } from '../../db/models/index';
import { STATUS_LABELS, type MessageStatus } from '../../domain/outbox/message-status';

const WATCHED: MessageStatus[] = ['queued', 'sending', 'accepted', 'sent'];
/** How long after queueing the history keeps refreshing itself for a message still on its way (a held one waits for hours: not watched). */
const WATCH_MS = 10 * 60_000;

/** What the message history template needs beside the messages. */
export const messageHistoryHelpers = {
  /** A message's status moves in the order they happened (concurrent webhooks may append them out of order). */
  timelineOf: (m: Pick<MessageDoc, 'timeline'>) => [...(m.timeline ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime()),
  statusLabels: STATUS_LABELS,
  deliveryPending: (m: MessageDoc) => Boolean(m.status && WATCHED.includes(m.status as MessageStatus) && Date.now() - m.at.getTime() < WATCH_MS),
};
