// DedupeSweepWorkflow's query and signal: the dashboard's progress bar asks
// the progress query; the sweep's activities report how far they are by the
// signal. Both sides import them from here, without loading workflow code.
import { defineQuery, defineSignal } from '@temporalio/workflow';

/** A running sweep as the dashboard shows it; the workflow's "progress" query returns this. */
export type SweepProgress = {
  stage: 'reading' | 'matching' | 'writing' | 'done';
  mode?: 'full' | 'incremental';
  contactsRead: number;
  /** The previous sweep's contact count: what reading is measured against. */
  expectedContacts?: number;
  partitions: number;
  partitionsDone: number;
  pairsScored: number;
  groupsFound: number;
  /** 0..100, across all stages. */
  percent: number;
  /** Contacts per second over the sweep so far. */
  rate: number;
  secondsLeft?: number;
  startedAt: number;
};

/** Percent of the whole run each stage takes. */
export type StageShares = { reading: number; matching: number; writing: number };

/** What an activity reports while it works (as a signal to its workflow). */
export type SweepActivityReport =
  | { stage: 'reading'; contactsRead: number; expectedContacts?: number; shares?: StageShares }
  | { stage: 'matching'; partition: number; stepsDone: number; steps: number; pairsScored: number }
  | { stage: 'writing'; written: number; toWrite: number; groupsFound: number };

export const sweepProgressQuery = defineQuery<SweepProgress>('progress');
export const sweepReportSignal = defineSignal<[SweepActivityReport]>('sweepActivityReport');
