// The outbox's records: outbound messages (in the contacts' message
// history), their status moves and their provider attempts. Every update
// names the message by _id, and a status update also names the statuses it
// may move from, so a late or repeated event can never move a message back.
import { Types } from 'mongoose';
import { STATUS_RANK, type MessageStatus } from '../../domain/outbox/message-status';
import type { MessagePurpose } from '../../domain/outbox/message-purposes';
import { addLinkedRecords, removeLinkedRecords } from '../contacts/contact-links';
import { messageCollection, providerMessageIdCollection, type MessageDoc } from '../models/index';

export type NewOutboundMessage = {
  /** The contact it goes to; or, for an email to a staff member, staffUserId instead. */
  contactId?: Types.ObjectId;
  staffUserId?: Types.ObjectId;
  caseId?: Types.ObjectId;
  channel: 'email' | 'sms';
  purpose: MessagePurpose;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  causedBy?: { id: Types.ObjectId; name: string };
  at: Date;
  /** An id fixed by the caller, so a retried step queues the message once (a second insert finds it). */
  id?: Types.ObjectId;
  /** The portal link the message carries; the send step fills its token in. */
  portalLinkId?: Types.ObjectId;
  stepUpSessionId?: string;
  /** The intake form the message carries a link to (to someone who is not a contact yet); the send step fills its token in. */
  intakeRequestId?: Types.ObjectId;
};

/** Records a queued message and links it into the contact's history (a staff member's email has none). */
export async function insertOutboundMessage(m: NewOutboundMessage): Promise<Types.ObjectId> {
  const _id = m.id ?? new Types.ObjectId();
  await messageCollection.insertOne({
    _id,
    contactId: m.contactId,
    staffUserId: m.staffUserId,
    caseId: m.caseId,
    channel: m.channel,
    direction: 'outbound',
    purpose: m.purpose,
    to: m.to,
    subject: m.subject,
    body: m.text,
    html: m.html,
    status: 'queued',
    statusRank: 0,
    statusAtRank: { 0: 'queued' },
    timeline: [{ status: 'queued', at: m.at, detail: m.causedBy ? `by ${m.causedBy.name}` : undefined }],
    attempts: [],
    causedBy: m.causedBy,
    at: m.at,
    ...(m.portalLinkId ? { portalLinkId: m.portalLinkId } : {}),
    ...(m.stepUpSessionId ? { stepUpSessionId: m.stepUpSessionId } : {}),
    ...(m.intakeRequestId ? { intakeRequestId: m.intakeRequestId } : {}),
  } as never).catch((err: { code?: number }) => {
    if (!(m.id && err.code === 11000)) throw err; // queued already, by an earlier try of the same step
  });
  if (m.contactId) await addLinkedRecords('message', m.contactId, [{ id: _id, at: m.at }]);
  return _id;
}

export async function findMessage(id: Types.ObjectId | string): Promise<MessageDoc | null> {
  return messageCollection.findOne({ _id: new Types.ObjectId(id) });
}

/**
 * Moves a message to `status` if that is forward from where it is; returns
 * whether it moved. Extra fields are set with the move.
 *
 * Every filter here is the _id alone: FerretDB serves only that from an index
 * and scans the collection for anything more (a status filter beside the _id
 * made each move read every message). So the compare-and-set is `$max` on
 * `statusRank`, atomic on every engine: of two moves to the same rank exactly
 * one sees a lower rank before it, and only that one writes its status (and
 * names it in `statusAtRank`). Two winners of different ranks may write
 * `status` in either order, so each then sets `status` again to the one named
 * at the highest rank; the last write is always such a repair, so `status`
 * ends at the highest rank reached.
 */
export async function moveMessageStatus(id: Types.ObjectId, status: MessageStatus, o: { at: Date; detail?: string; reason?: string; set?: Partial<MessageDoc> }): Promise<boolean> {
  const rank = STATUS_RANK[status];
  const before = await messageCollection.findOneAndUpdate({ _id: id }, { $max: { statusRank: rank } }, { returnDocument: 'before' }); // no projection: FerretDB's findAndModify has none
  if (!before) return false;
  const was = before.statusRank ?? (before.status ? STATUS_RANK[before.status as MessageStatus] : -1);
  if (was >= rank) return false;
  await messageCollection.updateOne(
    { _id: id },
    {
      $set: { status, [`statusAtRank.${rank}`]: status, ...(o.reason !== undefined ? { statusReason: o.reason } : {}), ...(o.set ?? {}) },
      $push: { timeline: { status, at: o.at, ...(o.detail ? { detail: o.detail } : {}) } },
    },
  );
  const after = await messageCollection.findOne({ _id: id }, { projection: { statusRank: 1, statusAtRank: 1, status: 1 } });
  const top = after?.statusRank !== undefined && after.statusRank !== null ? (after.statusAtRank as Record<string, MessageStatus> | undefined)?.[String(after.statusRank)] : undefined;
  if (after && top && after.status !== top) await messageCollection.updateOne({ _id: id }, { $set: { status: top } });
  return true;
}

/** Records the start of attempt `n` before the provider is called; false when attempt `n` is already recorded. (One message's attempts are written only by its one running activity; read, then written by _id.) */
export async function recordAttemptStart(id: Types.ObjectId, n: number, at: Date): Promise<boolean> {
  const message = await messageCollection.findOne({ _id: id }, { projection: { attempts: 1 } });
  if (!message || (message.attempts ?? []).some((a) => a.n === n)) return false;
  await messageCollection.updateOne({ _id: id }, { $push: { attempts: { n, startedAt: at, outcome: 'calling' } } });
  return true;
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
  if (m.contactId) await addLinkedRecords('message', m.contactId, [{ id: _id, at: m.at }]);
  return _id;
}

/** Sets which provider message a message became, whatever its status (a webhook may have moved it on first). */
export async function setProviderMessageId(id: Types.ObjectId, provider: 'sendgrid' | 'twilio', providerMessageId: string): Promise<void> {
  await messageCollection.updateOne({ _id: id }, { $set: { provider, providerMessageId } });
}

/** A webhook names the provider's id of a message whose send was not recorded yet (its worker died): keep it, for look-ups and staff. */
export async function setProviderMessageIdIfUnknown(id: Types.ObjectId, provider: 'sendgrid' | 'twilio', providerMessageId: string): Promise<void> {
  const message = await messageCollection.findOne({ _id: id }, { projection: { providerMessageId: 1 } });
  if (message && !message.providerMessageId) await messageCollection.updateOne({ _id: id }, { $set: { provider, providerMessageId } });
  await rememberProviderMessageId(provider, providerMessageId, id);
}

/** The message's contact was merged into another after it was queued: it moves to the survivor's history. */
export async function moveMessageToContact(id: Types.ObjectId, from: Types.ObjectId, to: Types.ObjectId, at: Date): Promise<void> {
  await messageCollection.updateOne({ _id: id }, { $set: { contactId: to } });
  await addLinkedRecords('message', to, [{ id, at }]);
  await removeLinkedRecords('message', from, [{ id, at }]);
}
