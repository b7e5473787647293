import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { MESSAGE_STATUSES, type MessageStatus } from '../../domain/outbox/message-status';
import { MESSAGE_PURPOSES } from '../../domain/outbox/message-purposes';
import { typedCollection } from '../typed-collection';

export const MESSAGE_CHANNELS = ['sms', 'email', 'phone', 'portal'] as const;

// One attempt to hand an outbound message to its provider, recorded before the call (see activities/outbox/send-message.ts).
const attemptSchema = new Schema(
  {
    n: { type: Number, required: true },
    startedAt: { type: Date, required: true },
    endedAt: Date,
    outcome: { type: String, enum: ['calling', 'accepted', 'found-earlier', 'transient', 'permanent'] },
    providerMessageId: String,
    error: String,
  },
  { _id: false },
);

const timelineSchema = new Schema({ status: { type: String, enum: MESSAGE_STATUSES, required: true }, at: { type: Date, required: true }, detail: String }, { _id: false });

/**
 * A contact's message history: what they sent and what was sent to them.
 * Outbound email and SMS are also the outbox: the fields after `at` are the
 * delivery's record (DeliverMessageWorkflow), absent on history imported or
 * typed in from elsewhere.
 */
const messageSchema = new Schema(
  {
    // The contact the message is to or from; absent on the outbox's emails to staff (a bundle's link), which name staffUserId.
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: function (this: { staffUserId?: unknown; intakeRequestId?: unknown }) { return !this.staffUserId && !this.intakeRequestId; } },
    staffUserId: { type: Schema.Types.ObjectId, ref: 'StaffUser' },
    // An intake form's link to someone who is not a contact yet: the send step mints its token (intake_tokens).
    intakeRequestId: { type: Schema.Types.ObjectId },
    caseId: { type: Schema.Types.ObjectId, ref: 'Case' },
    channel: { type: String, enum: MESSAGE_CHANNELS, required: true },
    direction: { type: String, enum: ['inbound', 'outbound'], required: true },
    body: { type: String, required: true }, // the text (an email's text part)
    at: { type: Date, required: true },
    purpose: { type: String, enum: MESSAGE_PURPOSES },
    to: String, // an email address or an E.164 number
    from: String,
    subject: String,
    html: String,
    status: { type: String, enum: MESSAGE_STATUSES },
    // How far the message got (domain/outbox/message-status.ts STATUS_RANK), raised only with $max, and the status
    // that reached each rank: see db/outbox/outbound-messages.ts moveMessageStatus.
    statusRank: Number,
    statusAtRank: { type: Schema.Types.Mixed, default: undefined },
    statusReason: String, // why it was suppressed, failed or bounced, in staff's words
    timeline: { type: [timelineSchema], default: undefined },
    holdUntil: Date,
    provider: { type: String, enum: ['sendgrid', 'twilio'] },
    providerMessageId: String,
    attempts: { type: [attemptSchema], default: undefined },
    causedBy: { id: { type: Schema.Types.ObjectId, ref: 'StaffUser' }, name: String },
    // A portal message (channel "portal"): when the other side read it (staff for the contact's, the contact for staff's).
    readAt: Date,
    // A message that carries a portal link: its token is minted at send time (domain/portal/portal-token-slot.ts).
    portalLinkId: { type: Schema.Types.ObjectId, ref: 'PortalLink' },
    // A portal one-time code (purpose portal-code): the session it is for; the code is made and filled in when sent.
    stepUpSessionId: String,
  },
  { collection: 'messages' },
);
// History is shown newest first and paged by (at, _id).
messageSchema.index({ contactId: 1, at: -1, _id: -1 });

export type MessageAttempt = { n: number; startedAt: Date; endedAt?: Date; outcome?: 'calling' | 'accepted' | 'found-earlier' | 'transient' | 'permanent'; providerMessageId?: string; error?: string };
export type MessageTimelineEntry = { status: MessageStatus; at: Date; detail?: string };
// Written out rather than inferred: the arrays of subdocuments infer as Mongoose arrays, not what the driver stores.
export type MessageDoc = Omit<InferRawDocTypeFromSchema<typeof messageSchema>, 'timeline' | 'attempts' | 'causedBy'> & {
  _id: Types.ObjectId;
  timeline?: MessageTimelineEntry[];
  attempts?: MessageAttempt[];
  causedBy?: { id: Types.ObjectId; name: string };
};
export const Message = mongoose.model('Message', messageSchema);
export const messageCollection = typedCollection<MessageDoc>(Message);

// Look-ups the webhooks make, each by _id (the one look-up every MongoDB-wire engine serves from an index):
// a provider's message id -> the message; a provider event already applied; a number that replied STOP.
const providerMessageIdSchema = new Schema({ _id: String, messageId: { type: Schema.Types.ObjectId, required: true } }, { collection: 'message_provider_ids', versionKey: false });
export const ProviderMessageId = mongoose.model('ProviderMessageId', providerMessageIdSchema);
export type ProviderMessageIdDoc = { _id: string; messageId: Types.ObjectId };
export const providerMessageIdCollection = typedCollection<ProviderMessageIdDoc>(ProviderMessageId);

const webhookEventSchema = new Schema({ _id: String, at: { type: Date, required: true } }, { collection: 'webhook_events', versionKey: false });
// A replayed event older than this is refused by its signature's age anyway; the record can go.
webhookEventSchema.index({ at: 1 }, { expireAfterSeconds: 7 * 86_400 });
export const WebhookEvent = mongoose.model('WebhookEvent', webhookEventSchema);
export type WebhookEventDoc = { _id: string; at: Date };
export const webhookEventCollection = typedCollection<WebhookEventDoc>(WebhookEvent);

const smsOptOutSchema = new Schema(
  { _id: String, optedOut: { type: Boolean, required: true }, keyword: String, at: { type: Date, required: true }, contactIds: { type: [Schema.Types.ObjectId], default: [] } },
  { collection: 'sms_numbers', versionKey: false },
);
export const SmsNumber = mongoose.model('SmsNumber', smsOptOutSchema);
/** A phone number Casebook has texted (E.164 as _id): whether it opted out, and the contacts it was texted for. */
export type SmsNumberDoc = { _id: string; optedOut: boolean; keyword?: string; at: Date; contactIds: Types.ObjectId[] };
export const smsNumberCollection = typedCollection<SmsNumberDoc>(SmsNumber);
