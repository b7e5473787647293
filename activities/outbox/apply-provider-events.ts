// Delivery events from the providers' webhooks (already verified as theirs
// by the web layer) applied to the outbox. Providers send events more than
// once and out of order: each event is claimed once by its id, and a status
// only ever moves forward (domain/outbox/message-status.ts).
import { Types } from 'mongoose';
import { claimWebhookEvent } from '../../db/outbox/webhook-events';
import { messageIdOfProviderId, moveMessageStatus, setProviderMessageIdIfUnknown } from '../../db/outbox/outbound-messages';
import { statusOfSendGridEvent, statusOfTwilioStatus } from '../../domain/outbox/message-status';

export type EventTally = { applied: number; duplicates: number; ignored: number };

type SendGridEvent = { event?: string; sg_event_id?: string; sg_message_id?: string; timestamp?: number; reason?: string; outbox_id?: string };

export async function applySendGridEvents(events: SendGridEvent[], now = new Date()): Promise<EventTally> {
  const tally: EventTally = { applied: 0, duplicates: 0, ignored: 0 };
  for (const e of events) {
    const status = e.event ? statusOfSendGridEvent(e.event) : undefined;
    if (!status || !e.sg_event_id) {
      tally.ignored++;
      continue;
    }
    const messageId = Types.ObjectId.isValid(e.outbox_id ?? '') ? new Types.ObjectId(e.outbox_id) : await messageIdOfProviderId('sendgrid', (e.sg_message_id ?? '').split('.')[0]!);
    if (!messageId) {
      tally.ignored++;
      continue;
    }
    if (!(await claimWebhookEvent(`sendgrid:${e.sg_event_id}`, now))) {
      tally.duplicates++;
      continue;
    }
    const reason = status === 'bounced' || status === 'failed' ? `The email bounced: ${e.reason ?? 'the receiving server refused it'}` : undefined;
    // The timeline says when Casebook learned it (SendGrid's own timestamp has whole seconds only).
    await moveMessageStatus(messageId, status, { at: now, reason, detail: `SendGrid: ${e.event}` });
    if (e.sg_message_id) await setProviderMessageIdIfUnknown(messageId, 'sendgrid', e.sg_message_id.split('.')[0]!);
    tally.applied++;
  }
  return tally;
}

const TWILIO_ERRORS: Record<string, string> = {
  '30003': 'The phone is switched off or out of reach',
  '30004': 'The recipient blocked texts from this number',
  '30005': 'The number does not exist',
  '30006': 'The number is a landline or cannot take texts',
  '30007': 'The carrier filtered the text as spam',
  '30008': 'The carrier could not deliver it',
};

export async function applyTwilioStatus(p: { messageSid: string; status: string; errorCode?: string; outboxId?: string }, now = new Date()): Promise<'applied' | 'duplicate' | 'ignored'> {
  const status = statusOfTwilioStatus(p.status);
  if (!status || !/^SM[0-9a-f]{32}$/.test(p.messageSid)) return 'ignored';
  const messageId = p.outboxId && Types.ObjectId.isValid(p.outboxId) ? new Types.ObjectId(p.outboxId) : await messageIdOfProviderId('twilio', p.messageSid);
  if (!messageId) return 'ignored';
  if (!(await claimWebhookEvent(`twilio:${p.messageSid}:${p.status}`, now))) return 'duplicate';
  const reason = status === 'undelivered' || status === 'failed' ? `${TWILIO_ERRORS[p.errorCode ?? ''] ?? 'The carrier did not deliver it'}${p.errorCode ? ` (Twilio ${p.errorCode})` : ''}` : undefined;
  await moveMessageStatus(messageId, status, { at: now, reason, detail: `Twilio: ${p.status}` });
  await setProviderMessageIdIfUnknown(messageId, 'twilio', p.messageSid);
  return 'applied';
}
