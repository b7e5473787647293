// The outbox's records: outbound messages (in the contacts' message
// history), their status moves and their provider attempts. Every update
// names the message by _id, and a status update also names the statuses it
// may move from, so a late or repeated event can never move a message back.
import { Types } from 'mongoose';
import { statusesBefore, type MessageStatus } from '../../domain/outbox/message-status';
import type { MessagePurpose } from '../../domain/outbox/message-purposes';
import { addLinkedRecords, removeLinkedRecords } from '../contacts/contact-links';
import { messageCollection, providerMessageIdCollection, type MessageDoc } from '../models/index';

export type NewOutboundMessage = {
  contactId: Types.ObjectId;
  caseId?: Types.ObjectId;
  channel: 'email' | 'sms';
  purpose: MessagePurpose;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  causedBy?: { id: Types.ObjectId; name: string };
  at: Date;
};

/** Records a queued message and links it into the contact's history. */
export async function insertOutboundMessage(m: NewOutboundMessage): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId();
  await messageCollection.insertOne({
    _id,
    contactId: m.contactId,
    caseId: m.caseId,
    channel: m.channel,
    direction: 'outbound',
    purpose: m.purpose,
    to: m.to,
    subject: m.subject,
    body: m.text,
    html: m.html,
    status: 'queued',
    timeline: [{ status: 'queued', at: m.at, detail: m.causedBy ? `by ${m.causedBy.name}` : undefined }],
    attempts: [],
    causedBy: m.causedBy,
    at: m.at,
  });
  await addLinkedRecords('message', m.contactId, [{ id: _id, at: m.at }]);
  return _id;
}

export async function findMessage(id: Types.ObjectId | string): Promise<MessageDoc | null> {
  return messageCollection.findOne({ _id: new Types.ObjectId(id) });
}

/**
 * Moves a message to `status` if that is forward from where it is; returns
 * whether it moved. Extra fields are set in the same update.
 */
export async function moveMessageStatus(id: Types.ObjectId, status: MessageStatus, o: { at: Date; detail?: string; reason?: string; set?: Partial<MessageDoc> } ): Promise<boolean> {
  const r = await messageCollection.updateOne(
    { _id: id, status: { $in: statusesBefore(status) } },
    {
      $set: { status, ...(o.reason !== undefined ? { statusReason: o.reason } : {}), ...(o.set ?? {}) },
      $push: { timeline: { status, at: o.at, ...(o.detail ? { detail: o.detail } : {}) } },
    },
  );
  return r.modifiedCount === 1;
}

/** Records the start of attempt `n` before the provider is called; false when attempt `n` is already recorded (a retried activity). */
export async function recordAttemptStart(id: Types.ObjectId, n: number, at: Date): Promise<boolean> {
  const r = await messageCollection.updateOne({ _id: id, 'attempts.n': { $ne: n } }, { $push: { attempts: { n, startedAt: at, outcome: 'calling' } } });
  return r.modifiedCount === 1;
}

/**
 * Records how attempt `n` ended. The attempts array is written whole, not
 * through the positional `$` operator, which FerretDB does not implement; one
 * message's attempts are only ever written by its one running activity.
 */
export async function recordAttemptEnd(id: Types.ObjectId, n: number, o: { at: Date; outcome: 'accepted' | 'found-earlier' | 'transient' | 'permanent'; providerMessageId?: string; error?: string }): Promise<void> {
  const message = await messageCollection.findOne({ _id: id }, { projection: { attempts: 1 } });
  const attempts = (message?.attempts ?? []).map((a) =>
    a.n === n ? { ...a, endedAt: o.at, outcome: o.outcome, ...(o.providerMessageId ? { providerMessageId: o.providerMessageId } : {}), ...(o.error ? { error: o.error } : {}) } : a,
  );
  await messageCollection.updateOne({ _id: id }, { $set: { attempts } });
}

/** Remembers which message a provider's id belongs to, for its webhooks (a look-up by _id). */
export async function rememberProviderMessageId(provider: 'sendgrid' | 'twilio', providerMessageId: string, messageId: Types.ObjectId): Promise<void> {
  await providerMessageIdCollection.updateOne({ _id: `${provider}:${providerMessageId}` }, { $set: { messageId } }, { upsert: true });
}

export async function messageIdOfProviderId(provider: 'sendgrid' | 'twilio', providerMessageId: string): Promise<Types.ObjectId | undefined> {
  return (await providerMessageIdCollection.findOne({ _id: `${provider}:${providerMessageId}` }))?.messageId;
}

/** An inbound message (an SMS reply) in the contact's history. */
export async function insertInboundMessage(m: { contactId: Types.ObjectId; channel: 'sms' | 'email'; from: string; to: string; text: string; at: Date; providerMessageId: string }): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId();
  await messageCollection.insertOne({ _id, contactId: m.contactId, channel: m.channel, direction: 'inbound', from: m.from, to: m.to, body: m.text, at: m.at, providerMessageId: m.providerMessageId } as MessageDoc);
  await addLinkedRecords('message', m.contactId, [{ id: _id, at: m.at }]);
  return _id;
}

/** Sets which provider message a message became, whatever its status (a webhook may have moved it on first). */
export async function setProviderMessageId(id: Types.ObjectId, provider: 'sendgrid' | 'twilio', providerMessageId: string): Promise<void> {
  await messageCollection.updateOne({ _id: id }, { $set: { provider, providerMessageId } });
}

/** A webhook names the provider's id of a message whose send was not recorded yet (its worker died): keep it, for look-ups and staff. */
export async function setProviderMessageIdIfUnknown(id: Types.ObjectId, provider: 'sendgrid' | 'twilio', providerMessageId: string): Promise<void> {
  await messageCollection.updateOne({ _id: id, providerMessageId: { $exists: false } }, { $set: { provider, providerMessageId } });
  await rememberProviderMessageId(provider, providerMessageId, id);
}

/** The message's contact was merged into another after it was queued: it moves to the survivor's history. */
export async function moveMessageToContact(id: Types.ObjectId, from: Types.ObjectId, to: Types.ObjectId, at: Date): Promise<void> {
  await messageCollection.updateOne({ _id: id }, { $set: { contactId: to } });
  await addLinkedRecords('message', to, [{ id, at }]);
  await removeLinkedRecords('message', from, [{ id, at }]);
}
