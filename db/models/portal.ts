import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

/**
 * A portal link (PortalLinkWorkflow, id `portal-link-<id>`): what staff
 * shared with a contact, the cases it opens, how it was sent, and its life
 * (first and last use, expiry, revocation). The token itself is never
 * stored: its SHA-256 is the _id of a `portal_link_tokens` row.
 */
const portalLinkSchema = new Schema(
  {
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    caseIds: { type: [Schema.Types.ObjectId], default: [] },
    sentBy: { id: { type: Schema.Types.ObjectId, ref: 'StaffUser', required: true }, name: { type: String, required: true } },
    channel: { type: String, enum: ['sms', 'email'], required: true },
    to: { type: String, required: true },
    messageId: Schema.Types.ObjectId, // the outbox message that carried it
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    expiredAt: Date, // marked by the workflow at the deadline (requests check expiresAt themselves)
    revokedAt: Date,
    revokedBy: { id: { type: Schema.Types.ObjectId, ref: 'StaffUser' }, name: String },
    extensions: { type: [{ at: Date, by: String, from: Date, to: Date, _id: false }], default: [] },
    firstUsedAt: Date,
    lastUsedAt: Date,
    lastDevice: String, // in words ("Safari on iPhone"), not the raw User-Agent
    opens: { type: Number, default: 0 },
    newLinkAskedAt: Date, // the contact, on the refused page, asked for a new one
    reminderMessageId: Schema.Types.ObjectId,
  },
  { collection: 'portal_links', versionKey: false },
);
portalLinkSchema.index({ contactId: 1, createdAt: -1 });
portalLinkSchema.index({ caseIds: 1, createdAt: -1 });

export type PortalLinkDoc = {
  _id: Types.ObjectId;
  contactId: Types.ObjectId;
  caseIds: Types.ObjectId[];
  sentBy: { id: Types.ObjectId; name: string };
  channel: 'sms' | 'email';
  to: string;
  messageId?: Types.ObjectId;
  createdAt: Date;
  expiresAt: Date;
  expiredAt?: Date | null;
  revokedAt?: Date | null;
  revokedBy?: { id: Types.ObjectId; name: string };
  extensions: { at: Date; by: string; from: Date; to: Date }[];
  firstUsedAt?: Date | null;
  lastUsedAt?: Date | null;
  lastDevice?: string;
  opens: number;
  newLinkAskedAt?: Date | null;
  reminderMessageId?: Types.ObjectId;
};
export const PortalLink = mongoose.model('PortalLink', portalLinkSchema);
export const portalLinkCollection = typedCollection<PortalLinkDoc>(PortalLink);

// A token that opens a link: the SHA-256 is the _id, looked up by _id (served from an index on every engine).
// A link has one token per message that carried it (the share, a reply notice, a reminder): all open the same link.
const portalLinkTokenSchema = new Schema({ _id: String, linkId: { type: Schema.Types.ObjectId, required: true }, createdAt: { type: Date, required: true } }, { collection: 'portal_link_tokens', versionKey: false });
portalLinkTokenSchema.index({ linkId: 1 });
export type PortalLinkTokenDoc = { _id: string; linkId: Types.ObjectId; createdAt: Date };
export const PortalLinkToken = mongoose.model('PortalLinkToken', portalLinkTokenSchema);
export const portalLinkTokenCollection = typedCollection<PortalLinkTokenDoc>(PortalLinkToken);

/**
 * A portal session, made when the contact presses Continue on a link: the
 * cookie holds a random token, this row its SHA-256. It carries the
 * contact and cases of its link: every portal query is scoped by them.
 */
const portalSessionSchema = new Schema(
  {
    _id: String,
    linkId: { type: Schema.Types.ObjectId, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    caseIds: { type: [Schema.Types.ObjectId], default: [] },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    endedAt: Date,
    device: String,
    stepUpAt: Date, // passed the firm's extra check (PORTAL_STEP_UP)
    stepUpFailures: { type: Number, default: 0 },
    // PORTAL_STEP_UP=one-time-code: the code last asked for, sent over the other channel than the link's.
    // Only hashes are stored, each made by a send attempt (activities/portal/mint-step-up-code.ts): a retried send
    // adds one, so a code an earlier attempt did deliver keeps working.
    stepUpCode: { channel: String, to: String, sentAt: Date, expiresAt: Date, hashes: { type: [String], default: undefined }, messageId: Schema.Types.ObjectId },
  },
  { collection: 'portal_sessions', versionKey: false },
);
portalSessionSchema.index({ linkId: 1 });
export type PortalSessionDoc = { _id: string; linkId: Types.ObjectId; contactId: Types.ObjectId; caseIds: Types.ObjectId[]; csrfToken: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; endedAt?: Date | null; device?: string; stepUpAt?: Date | null; stepUpFailures?: number; stepUpCode?: StepUpCodeState | null };
/** A one-time code asked for on the portal: where it went, until when it works, its hash once minted. */
export type StepUpCodeState = { channel: 'email' | 'sms'; to: string; sentAt: Date; expiresAt: Date; hashes?: string[]; messageId: Types.ObjectId };
export const PortalSession = mongoose.model('PortalSession', portalSessionSchema);
export const portalSessionCollection = typedCollection<PortalSessionDoc>(PortalSession);

/**
 * What clients did on the portal that staff have not seen yet (a message, an
 * upload, a request for a new link, a task done): the dashboard's "Client activity". A
 * small collection of unread rows, so counting it is cheap on every engine.
 */
const portalNoticeSchema = new Schema(
  {
    kind: { type: String, enum: ['message', 'upload', 'new-link', 'task', 'form'], required: true },
    contactId: Schema.Types.ObjectId, // absent for an intake form from someone who is not a contact yet
    caseId: Schema.Types.ObjectId,
    refId: Schema.Types.ObjectId, // the message, the first document, or the link
    summary: { type: String, required: true },
    at: { type: Date, required: true },
    seenAt: Date,
    seenBy: String,
  },
  { collection: 'portal_notices', versionKey: false },
);
portalNoticeSchema.index({ seenAt: 1, at: -1 });
export type PortalNoticeDoc = { _id: Types.ObjectId; kind: 'message' | 'upload' | 'new-link' | 'task' | 'form'; contactId?: Types.ObjectId; caseId?: Types.ObjectId; refId?: Types.ObjectId; summary: string; at: Date; seenAt?: Date | null; seenBy?: string };
export const PortalNotice = mongoose.model('PortalNotice', portalNoticeSchema);
export const portalNoticeCollection = typedCollection<PortalNoticeDoc>(PortalNotice);

/**
 * A case's portal conversation with one contact (_id "<caseId>:<contactId>"):
 * the messages as they are shown, embedded so a thread is one read, with how
 * far each side has read. Each message is also a row of `messages`, in the
 * contact's history.
 */
const portalThreadSchema = new Schema(
  {
    _id: String,
    entries: { type: [{ id: Schema.Types.ObjectId, at: Date, direction: String, body: String, by: String, _id: false }], default: [] },
    unreadByContact: { type: Number, default: 0 },
    unreadByStaff: { type: Number, default: 0 },
    contactReadAt: Date,
    staffReadAt: Date,
  },
  { collection: 'portal_threads', versionKey: false },
);
export type PortalThreadEntry = { id: Types.ObjectId; at: Date; direction: 'inbound' | 'outbound'; body: string; by?: string };
export type PortalThreadDoc = { _id: string; entries: PortalThreadEntry[]; unreadByContact?: number; unreadByStaff?: number; contactReadAt?: Date | null; staffReadAt?: Date | null };
export const PortalThread = mongoose.model('PortalThread', portalThreadSchema);
export const portalThreadCollection = typedCollection<PortalThreadDoc>(PortalThread);
