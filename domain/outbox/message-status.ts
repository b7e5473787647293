// The life of an outbound message, and the one rule that keeps it readable
// when providers' events arrive duplicated and out of order: a status only
// moves forward. "delivered" after "bounced" is ignored; "bounced" after
// "delivered" (a late bounce) is taken.
export const MESSAGE_STATUSES = ['queued', 'held', 'sending', 'accepted', 'sent', 'delivered', 'bounced', 'undelivered', 'failed', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Forward is up; every final status shares the top rank, so none replaces another. */
export const STATUS_RANK: Record<MessageStatus, number> = { queued: 0, held: 1, sending: 2, accepted: 3, sent: 4, delivered: 5, bounced: 6, undelivered: 6, failed: 6, suppressed: 6 };

export const FINAL_STATUSES: readonly MessageStatus[] = ['bounced', 'undelivered', 'failed', 'suppressed'];

/** Whether a message in `from` may move to `to`: forward only, and nothing leaves a final status. */
export function canMoveTo(from: MessageStatus, to: MessageStatus): boolean {
  if (FINAL_STATUSES.includes(from)) return false;
  return STATUS_RANK[to] > STATUS_RANK[from];
}

/** How staff read each status. */
export const STATUS_LABELS: Record<MessageStatus, string> = {
  queued: 'Queued',
  held: 'Held for quiet hours',
  sending: 'Sending',
  accepted: 'Accepted by the provider',
  sent: 'Sent',
  delivered: 'Delivered',
  bounced: 'Bounced',
  undelivered: 'Not delivered',
  failed: 'Failed',
  suppressed: 'Not sent',
};

/** SendGrid Event Webhook events -> status (events not listed, like open and click, change nothing). */
export function statusOfSendGridEvent(event: string): MessageStatus | undefined {
  return ({ processed: 'accepted', delivered: 'delivered', bounce: 'bounced', dropped: 'failed', blocked: 'bounced' } as Record<string, MessageStatus>)[event];
}

/** Twilio MessageStatus values -> status. */
export function statusOfTwilioStatus(status: string): MessageStatus | undefined {
  return ({ accepted: 'accepted', queued: 'accepted', sending: 'accepted', sent: 'sent', delivered: 'delivered', undelivered: 'undelivered', failed: 'failed' } as Record<string, MessageStatus>)[status];
}
