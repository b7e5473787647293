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
  /** Carried across continue-as-new: the next contact index and what is done so far. */
  next?: number;
  written?: SeedTotals;
};
const ZERO: SeedTotals = { contacts: 0, cases: 0, messages: 0, notes: 0 };
const BATCHES_PER_RUN = 200; // keeps each run's history small for million-contact seeds

/**
 * Fills the database with demo contacts, cases, messages and notes, one batch
 * at a time (FerretDB wedged a database under concurrent batches in testing).
 */
export async function SeedDemoDataWorkflow(input: SeedDemoDataInput): Promise<SeedTotals> {
  let next = input.next ?? 0;
  const written = { ...(input.written ?? ZERO) };
  let state: SeedProgress['state'] = 'running';
  setHandler(seedProgressQuery, () => ({ total: input.contacts, done: next, written, state }));

  for (let batches = 0; next < input.contacts; batches++) {
    if (batches >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof SeedDemoDataWorkflow>({ ...input, next, written });
    }
    const count = Math.min(input.batchSize, input.contacts - next);
    const result = await seedDemoBatch({ seed: input.seed, from: next, count, totalContacts: input.contacts, messagesPerContact: input.messagesPerContact, authorId: input.authorId, authorName: input.authorName });
    for (const key of Object.keys(written) as (keyof SeedTotals)[]) written[key] += result[key];
    next += count;
  }
  state = 'done';
  return written;
}
