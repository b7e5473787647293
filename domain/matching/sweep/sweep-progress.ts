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

/** The signal by which the sweep's activities tell their workflow how far they are. */
export const SWEEP_REPORT_SIGNAL = 'sweepActivityReport';

/** What an activity reports while it works (as a signal to its workflow). */
export type SweepActivityReport =
  | { stage: 'reading'; contactsRead: number; expectedContacts?: number }
  | { stage: 'matching'; partition: number; stepsDone: number; steps: number; pairsScored: number }
  | { stage: 'writing'; written: number; toWrite: number; groupsFound: number };

// Shares of the whole run each stage takes (measured on 100k-1M contacts): reading
// the packed records, scoring the partitions, writing what changed.
const SHARE = { reading: 30, matching: 55, writing: 15 };

/** Percent done: reading against the expected count, matching by the partitions' steps, writing by batches. */
export function sweepPercent(p: { stage: SweepProgress['stage']; contactsRead: number; expectedContacts?: number; matchedFraction: number; writtenFraction: number }): number {
  if (p.stage === 'done') return 100;
  if (p.stage === 'reading') return p.expectedContacts ? Math.min(SHARE.reading - 1, (SHARE.reading * p.contactsRead) / p.expectedContacts) : 0;
  if (p.stage === 'matching') return SHARE.reading + SHARE.matching * Math.min(1, p.matchedFraction);
  return SHARE.reading + SHARE.matching + SHARE.writing * Math.min(1, p.writtenFraction);
}

/** Time left from the share done so far; unknown until a little is done. */
export function secondsLeft(percent: number, elapsedSeconds: number): number | undefined {
  if (percent < 2 || percent >= 100) return percent >= 100 ? 0 : undefined;
  return Math.round((elapsedSeconds * (100 - percent)) / percent);
}
