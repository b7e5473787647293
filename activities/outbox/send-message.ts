// Hands one message to its provider, at most once as far as the providers
// let anyone know. Neither SendGrid nor Twilio takes an idempotency key, so a
// worker killed after the provider accepted a message but before Casebook
// recorded it could send it twice on retry. The semantics chosen:
//
//   1. Each attempt is recorded ("calling") before the provider is called.
//   2. The provider's copy is tagged: SendGrid carries the outbox id as a
//      custom argument; Twilio's status callback URL carries it.
//   3. A retry that finds an earlier attempt still "calling" (its worker died,
//      or the call timed out) first asks the provider whether that attempt
//      got through (SendGrid Email Activity by custom argument; Twilio's
//      message list for that number since the attempt began, same body), and
//      if so records that message instead of sending again.
//
// What remains: if the provider's search does not show the message yet (the
// Email Activity API lags by seconds to minutes) or is not available to the
// account, the retry sends again. Email is at-least-once in that window; SMS
// (Twilio lists a message as soon as it is created) is effectively once.
import { ApplicationFailure } from '@temporalio/common';
import { Types } from 'mongoose';
import { dequeueForRecipient, olderPendingForRecipient, queueKey } from '../../db/outbox/recipient-queues';
import { findMessage, moveMessageStatus, recordAttemptEnd, recordAttemptStart, rememberProviderMessageId, setProviderMessageId } from '../../db/outbox/outbound-messages';
import { FINAL_STATUSES, type MessageStatus } from '../../domain/outbox/message-status';
import { fillTokenSlot } from '../../domain/portal/portal-token-slot';
import { mintPortalToken } from '../portal/mint-portal-token';
import { mintIntakeToken } from '../forms/mint-intake-token';
import { mintStepUpCode } from '../portal/mint-step-up-code';
import { fillCodeSlot } from '../../domain/portal/step-up-code';
import type { OutboxDeps } from './outbox-deps';
import { ProviderError, type MessageProvider } from './providers/message-provider';

export type SendResult = { status: MessageStatus; providerMessageId?: string; reason?: string };

const ALREADY_SENT: MessageStatus[] = ['accepted', 'sent', 'delivered'];
/** A message queued earlier to the same recipient and not done after this long no longer holds the line. */
const STALE_QUEUE_MS = 24 * 3600_000;

export async function sendMessage(deps: OutboxDeps, messageId: string, now: () => Date): Promise<SendResult> {
  const id = new Types.ObjectId(messageId);
  const message = await findMessage(id);
  if (!message) return { status: 'failed', reason: 'The message record is gone.' };
  const status = message.status as MessageStatus;
  if (ALREADY_SENT.includes(status) || FINAL_STATUSES.includes(status)) {
    // A webhook told of the message before this retry: an interrupted attempt did get through.
    if (ALREADY_SENT.includes(status)) for (const a of (message.attempts ?? []).filter((x) => x.outcome === 'calling')) await recordAttemptEnd(id, a.n, { at: now(), outcome: 'found-earlier', providerMessageId: message.providerMessageId ?? undefined });
    return { status, providerMessageId: message.providerMessageId ?? undefined, reason: message.statusReason ?? undefined };
  }
  const channel = message.channel as 'email' | 'sms';
  const key = queueKey(message.at, message._id);
  await waitForOlderMessages(channel, message.to!, key, now());

  const provider = channel === 'email' ? deps.email : deps.sms;
  let outgoing = { outboxId: messageId, to: message.to!, subject: message.subject ?? undefined, text: message.body, html: message.html ?? undefined };
  if (message.portalLinkId) {
    // A portal link revoked or expired while the message waited (quiet hours) is not sent: it would only be refused.
    const token = await mintPortalToken(message.portalLinkId, now());
    if (!token) {
      await moveMessageStatus(id, 'suppressed', { at: now(), reason: 'The portal link it carries was revoked or expired before it could be sent.' });
      await dequeueForRecipient(channel, message.to!, key);
      return { status: 'suppressed', reason: 'The portal link was revoked or expired.' };
    }
    outgoing = { ...outgoing, text: fillTokenSlot(outgoing.text, token), html: outgoing.html && fillTokenSlot(outgoing.html, token) };
  }
  if (message.intakeRequestId) {
    // An intake form's link: a fresh token when it is sent (only its hash is kept); none once the form is closed.
    const token = await mintIntakeToken(message.intakeRequestId as Types.ObjectId, now());
    if (!token) {
      await moveMessageStatus(id, 'suppressed', { at: now(), reason: 'The intake form it links to was withdrawn or expired before it could be sent.' });
      await dequeueForRecipient(channel, message.to!, key);
      return { status: 'suppressed', reason: 'The intake form was withdrawn or expired.' };
    }
    outgoing = { ...outgoing, text: fillTokenSlot(outgoing.text, token), html: outgoing.html && fillTokenSlot(outgoing.html, token) };
  }
  if (message.stepUpSessionId) {
    // A portal one-time code: made now, only its hash kept; none once it expired or the session ended.
    const code = await mintStepUpCode(message.stepUpSessionId, id, now());
    if (!code) {
      await moveMessageStatus(id, 'suppressed', { at: now(), reason: 'The one-time code expired, or a newer one was asked for, before it could be sent.' });
      await dequeueForRecipient(channel, message.to!, key);
      return { status: 'suppressed', reason: 'The one-time code expired or was replaced.' };
    }
    outgoing = { ...outgoing, text: fillCodeSlot(outgoing.text, code), html: outgoing.html && fillCodeSlot(outgoing.html, code) };
  }
  // The provider took an earlier attempt but the worker died before the status moved: finish recording it, send nothing.
  const took = (message.attempts ?? []).find((a) => (a.outcome === 'accepted' || a.outcome === 'found-earlier') && a.providerMessageId);
  if (took) return accepted(provider, id, took.providerMessageId!, channel, message.to!, key, now(), 'recorded after a restart');
  const interrupted = (message.attempts ?? []).filter((a) => a.outcome === 'calling');
  if (interrupted.length) {
    const since = interrupted[0]!.startedAt;
    const earlier = await provider.findEarlier(outgoing, since).catch((err) => {
      throw transient(err as Error);
    });
    if (earlier) {
      for (const a of interrupted) await recordAttemptEnd(id, a.n, { at: now(), outcome: 'found-earlier', providerMessageId: earlier });
      return accepted(provider, id, earlier, channel, message.to!, key, now(), 'an earlier attempt had got through');
    }
    for (const a of interrupted) await recordAttemptEnd(id, a.n, { at: now(), outcome: 'transient', error: 'no answer; the provider has no trace of it' });
  }

  const attempt = (message.attempts?.length ?? 0) + 1;
  // Another execution recorded this attempt number first: let Temporal try again on fresh state.
  if (!(await recordAttemptStart(id, attempt, now()))) throw ApplicationFailure.create({ type: 'AttemptRace', message: 'another attempt started at the same moment', nextRetryDelay: '1 second' });
  await moveMessageStatus(id, 'sending', { at: now(), detail: `attempt ${attempt}` });
  try {
    const { providerMessageId } = await provider.send(outgoing);
    await recordAttemptEnd(id, attempt, { at: now(), outcome: 'accepted', providerMessageId });
    return await accepted(provider, id, providerMessageId, channel, message.to!, key, now());
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err; // a bug or the database: Temporal retries, the attempt stays "calling" and is looked up
    // No answer at all: the attempt stays "calling", so the retry asks the provider before sending again.
    if (err.uncertain) throw transient(err);
    await recordAttemptEnd(id, attempt, { at: now(), outcome: err.kind, error: err.message });
    if (err.kind === 'transient') throw transient(err);
    await moveMessageStatus(id, 'failed', { at: now(), reason: err.message, detail: err.providerCode ? `provider code ${err.providerCode}` : undefined });
    await dequeueForRecipient(channel, message.to!, key);
    return { status: 'failed', reason: err.message };
  }
}

async function accepted(provider: MessageProvider, id: Types.ObjectId, providerMessageId: string, channel: string, to: string, key: string, at: Date, detail?: string): Promise<SendResult> {
  await rememberProviderMessageId(provider.name, providerMessageId, id);
  // A webhook may have moved the message past "accepted" already (it can arrive before this line): the id is set either way.
  const moved = await moveMessageStatus(id, 'accepted', { at, detail, set: { provider: provider.name, providerMessageId } });
  if (!moved) await setProviderMessageId(id, provider.name, providerMessageId);
  await dequeueForRecipient(channel, to, key);
  return { status: 'accepted', providerMessageId };
}

/** Refuses to send while an older message to the same recipient is still waiting: Temporal retries this one a second later. */
async function waitForOlderMessages(channel: string, to: string, key: string, now: Date): Promise<void> {
  for (const older of await olderPendingForRecipient(channel, to, key)) {
    const olderAt = Number(older.slice(0, 14));
    const olderMessage = await findMessage(older.slice(15));
    const done = !olderMessage || ALREADY_SENT.includes(olderMessage.status as MessageStatus) || FINAL_STATUSES.includes(olderMessage.status as MessageStatus);
    if (done || now.getTime() - olderAt > STALE_QUEUE_MS) {
      await dequeueForRecipient(channel, to, older);
      continue;
    }
    // A held (quiet hours) older text does not block: it goes when its window opens, and so will this one.
    if (olderMessage.status === 'held') continue;
    throw ApplicationFailure.create({ type: 'EarlierMessageFirst', message: 'an older message to this recipient is still waiting', nextRetryDelay: '1 second' });
  }
}

function transient(err: Error): ApplicationFailure {
  return ApplicationFailure.create({ type: 'ProviderUnavailable', message: err.message });
}

/** The end of the retries: the message failed, with the reason, and no longer holds its recipient's line. */
export async function giveUpOnMessage(messageId: string, reason: string, at: Date): Promise<void> {
  const id = new Types.ObjectId(messageId);
  const message = await findMessage(id);
  if (!message) return;
  await moveMessageStatus(id, 'failed', { at, reason });
  await dequeueForRecipient(message.channel, message.to!, queueKey(message.at, message._id));
}
