import mongoose, { Schema } from 'mongoose';

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
  resolvedBy?: { id: unknown; name: string };
  resolvedAt?: Date;
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
  },
  { collection: 'duplicate_groups', versionKey: false },
);
export const DuplicateGroup = mongoose.model('DuplicateGroup', duplicateGroupSchema);
