// The dedupe sweep's progress arithmetic: pure, so the workflow's progress
// query computes it in the sandbox, and the sweep's first activity divides
// the bar between the stages as the previous sweep spent its time.
import type { StageShares, SweepProgress } from './messages/dedupe-sweep';

// Without an earlier sweep to learn from: a full sweep over packed records at 100k-1M contacts.
export const DEFAULT_SHARES: StageShares = { reading: 30, matching: 55, writing: 15 };

/** The shares the previous sweep's stage times give (a first sweep on a cold database spends most of its time writing). */
export function sharesFrom(seconds: { read?: number; block?: number; score?: number; cluster?: number; write?: number } | undefined): StageShares {
  const reading = (seconds?.read ?? 0) + (seconds?.block ?? 0);
  const matching = seconds?.score ?? 0;
  const writing = (seconds?.cluster ?? 0) + (seconds?.write ?? 0);
  const total = reading + matching + writing;
  if (!(total > 0)) return DEFAULT_SHARES;
  return { reading: (100 * reading) / total, matching: (100 * matching) / total, writing: (100 * writing) / total };
}

/** Percent done: reading against the expected count, matching by the partitions' steps, writing by batches. */
export function sweepPercent(p: { stage: SweepProgress['stage']; contactsRead: number; expectedContacts?: number; matchedFraction: number; writtenFraction: number; shares?: StageShares }): number {
  const share = p.shares ?? DEFAULT_SHARES;
  if (p.stage === 'done') return 100;
  if (p.stage === 'reading') return p.expectedContacts ? Math.min(share.reading * 0.99, (share.reading * p.contactsRead) / p.expectedContacts) : 0;
  if (p.stage === 'matching') return share.reading + share.matching * Math.min(1, p.matchedFraction);
  return Math.min(99.9, share.reading + share.matching + share.writing * Math.min(1, p.writtenFraction));
}

/** Time left from the share done so far; unknown until a little is done. */
export function secondsLeft(percent: number, elapsedSeconds: number): number | undefined {
  if (percent < 2 || percent >= 100) return percent >= 100 ? 0 : undefined;
  return Math.round((elapsedSeconds * (100 - percent)) / percent);
}
