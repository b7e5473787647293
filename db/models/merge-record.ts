import mongoose, { Schema, type Types } from 'mongoose';
import type { MergeChoices } from '../../domain/merge/merge-fields';
import type { ContactLinkKind } from '../contacts/contact-links';
import type { ContactDoc } from './contact';
import { typedCollection } from '../typed-collection';

export const MERGE_STATUSES = ['requested', 'moving', 'completed', 'failed', 'unmerging', 'unmerged'] as const;
export type MergeStatus = (typeof MERGE_STATUSES)[number];

/**
 * Everything needed to undo a merge exactly: full snapshots of every record
 * before the merge, each participant's linked-record lists (the exact ids
 * moved, with their original owner) and each touched case's links before
 * and after. Written once, before anything moves.
 */
export type MergeSnapshot = {
  contacts: Record<string, ContactDoc>; // contactId -> full document before the merge
  linkLists: Record<string, string[]>; // "<kind>:<contactId>" -> keys before the merge
  caseLinksBefore: Record<string, unknown[]>; // caseId -> contacts array before the merge
  caseLinksAfter: Record<string, unknown[]>; // caseId -> contacts array the merge wrote
  caseStatuses: Record<string, string>; // caseId -> status, to recompute the survivor's case statuses
};

export type MergeCounts = Record<ContactLinkKind, number>;

export type MergeRecordDoc = {
  _id: Types.ObjectId;
  survivorId: Types.ObjectId;
  loserIds: Types.ObjectId[];
  choices: MergeChoices;
  status: MergeStatus;
  requestedBy: { id: Types.ObjectId; name: string };
  requestedAt: Date;
  /** Audit event ids fixed up front, so a retried step writes each event once. */
  auditIds: { merge: Types.ObjectId; unmerge: Types.ObjectId };
  snapshot?: MergeSnapshot;
  countsBefore?: MergeCounts;
  countsAfter?: MergeCounts;
  completedAt?: Date;
  unmergeRequestedBy?: { id: Types.ObjectId; name: string };
  unmergedAt?: Date;
  error?: string;
};

const mergeRecordSchema = new Schema(
  {
    survivorId: { type: Schema.Types.ObjectId, required: true },
    loserIds: { type: [Schema.Types.ObjectId], required: true },
    choices: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: MERGE_STATUSES, required: true },
    requestedBy: { id: Schema.Types.ObjectId, name: String },
    requestedAt: { type: Date, required: true },
    auditIds: { merge: Schema.Types.ObjectId, unmerge: Schema.Types.ObjectId },
    snapshot: Schema.Types.Mixed,
    countsBefore: Schema.Types.Mixed,
    countsAfter: Schema.Types.Mixed,
    completedAt: Date,
    unmergeRequestedBy: { id: Schema.Types.ObjectId, name: String },
    unmergedAt: Date,
    error: String,
  },
  { collection: 'merges', versionKey: false, minimize: false },
);
export const MergeRecord = mongoose.model('MergeRecord', mergeRecordSchema);

/** A contact taking part in a running merge or unmerge; _id is the contact id, so taking it is one atomic insert. */
const mergeLockSchema = new Schema({ _id: Schema.Types.ObjectId, mergeId: Schema.Types.ObjectId, at: Date }, { collection: 'merge_locks', versionKey: false });
export const MergeLock = mongoose.model('MergeLock', mergeLockSchema);
export const mergeRecordCollection = typedCollection<MergeRecordDoc>(MergeRecord);
export const mergeLockCollection = typedCollection<{ _id: Types.ObjectId; mergeId: Types.ObjectId; at: Date }>(MergeLock);
