import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

export const GROUP_STATUSES = ['open', 'merged', 'dismissed', 'skipped'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/**
 * A group of contacts the dedupe sweep believes are one person. _id is made
 * from the sorted member ids, so a sweep run twice (or resumed after a
 * crash) writes the same groups, and a group staff resolved stays resolved.
 */
export type DuplicateGroupDoc = {
  _id: string;
  members: string[];
  score: number;
  kinds: string[];
  reasons: string[];
  status: GroupStatus;
  sweepId: string;
  foundAt: Date;
  resolvedBy?: { id: Types.ObjectId; name: string };
  resolvedAt?: Date;
  /** Set when the sweep's auto-merge requested this group's merge, so a retry requests none twice. */
  autoMergeId?: string;
};
const duplicateGroupSchema = new Schema(
  {
    _id: String,
    members: [String],
    score: Number,
    kinds: [String],
    reasons: [String],
    status: { type: String, enum: GROUP_STATUSES },
    sweepId: String,
    foundAt: Date,
    resolvedBy: { id: Schema.Types.ObjectId, name: String },
    resolvedAt: Date,
    autoMergeId: String,
  },
  { collection: 'duplicate_groups', versionKey: false },
);
export const DuplicateGroup = mongoose.model('DuplicateGroup', duplicateGroupSchema);
export const duplicateGroupCollection = typedCollection<DuplicateGroupDoc>(DuplicateGroup);
