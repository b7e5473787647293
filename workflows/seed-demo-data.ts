import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { seedProgressQuery, type SeedProgress, type SeedTotals } from './messages/seed-demo-data';

const { seedDemoBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export type SeedDemoDataInput = {
  seed: number;
  contacts: number;
  batchSize: number;
  messagesPerContact: number;
  authorId: string;
  authorName: string;
  /**
   * Batches in flight at once (default 1, as runs started before it existed): with two, the worker builds the next
   * batch's documents while the database writes the current one, and a million contacts load in minutes less.
   */
  concurrency?: number;
  /** Carried across continue-as-new: the next contact index and what is done so far. */
  next?: number;
  written?: SeedTotals;
};
const ZERO: SeedTotals = { contacts: 0, cases: 0, messages: 0, notes: 0 };
const BATCHES_PER_RUN = 200; // keeps each run's history small for million-contact seeds

/**
 * Fills the database with demo contacts, cases, messages and notes, a batch
 * at a time or a few side by side (`concurrency`). Each batch is idempotent,
 * so the order they finish in does not matter; before continuing as new,
 * the batches in flight are awaited, so `next` is always a clean boundary.
 */
export async function SeedDemoDataWorkflow(input: SeedDemoDataInput): Promise<SeedTotals> {
  let next = input.next ?? 0;
  let done = next;
  const written = { ...(input.written ?? ZERO) };
  let state: SeedProgress['state'] = 'running';
  setHandler(seedProgressQuery, () => ({ total: input.contacts, done, written, state }));

  const inFlight = new Set<Promise<void>>();
  const runBatch = (from: number, count: number) => {
    const p: Promise<void> = seedDemoBatch({ seed: input.seed, from, count, totalContacts: input.contacts, messagesPerContact: input.messagesPerContact, authorId: input.authorId, authorName: input.authorName }).then((result) => {
      for (const key of Object.keys(written) as (keyof SeedTotals)[]) written[key] += result[key];
      done += count;
      inFlight.delete(p);
    });
    inFlight.add(p);
  };
  const width = Math.max(1, input.concurrency ?? 1);
  for (let batches = 0; next < input.contacts; batches++) {
    if (batches >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await Promise.all(inFlight);
      await continueAsNew<typeof SeedDemoDataWorkflow>({ ...input, next, written });
    }
    const count = Math.min(input.batchSize, input.contacts - next);
    runBatch(next, count);
    next += count;
    if (inFlight.size >= width) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  state = 'done';
  return written;
}
