import mongoose, { Schema } from 'mongoose';
import { typedCollection } from '../typed-collection';

/** One dedupe sweep's progress and result, _id = its workflow id; the dashboard's progress bar and history read it. */
export type SweepRunDoc = {
  _id: string;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  stage: 'reading' | 'matching' | 'writing' | 'done';
  mode?: 'full' | 'incremental';
  /** The contact change log position when the sweep started: the next incremental sweep scores what changed after it. */
  changeSeq?: number;
  contactsRead: number;
  /** The previous sweep's contact count: the estimate for this one's progress and ETA. */
  expectedContacts?: number;
  pairsScored: number;
  groupsFound: number;
  /** Seconds per stage: read (and prepare), block, score (all partitions, wall clock), cluster, write. */
  seconds?: { read?: number; block?: number; score?: number; cluster?: number; write?: number };
  /** How many partitions the candidate pairs were split into, and how many are scored. */
  partitions?: number;
  partitionsDone?: number;
  /** When scoring started: the score stage's wall clock ends when the groups are written. */
  scoringStartedAt?: Date;
  /** Contacts changed since the previous sweep (JSON array of ids), or absent when too many: their suggestions are rewritten. */
  changedIds?: string;
  rewriteAll?: boolean;
};
const sweepRunSchema = new Schema(
  { _id: String, startedAt: Date, updatedAt: Date, finishedAt: Date, stage: String, contactsRead: Number, expectedContacts: Number, pairsScored: Number, groupsFound: Number, seconds: Schema.Types.Mixed, mode: String, changeSeq: Number, partitions: Number, partitionsDone: Number, scoringStartedAt: Date, changedIds: String, rewriteAll: Boolean },
  { collection: 'sweep_runs', versionKey: false },
);
export const SweepRun = mongoose.model('SweepRun', sweepRunSchema);
export const sweepRunCollection = typedCollection<SweepRunDoc>(SweepRun);
