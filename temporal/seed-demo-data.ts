import type { Client } from '@temporalio/client';
import { CasebookActor, CasebookKind } from './search-attributes';
import type { SeedDemoDataInput } from '../workflows/index';

export type StartSeedOptions = { seed: number; contacts: number; authorId: string; authorName: string; taskQueue: string; actorId?: string; batchSize?: number; messagesPerContact?: number };

/**
 * Starts a demo-data seeding workflow. The id carries the start time because
 * the same seed may be loaded again into a wiped database; the batches
 * themselves are idempotent, so a repeated start never duplicates rows.
 */
export async function startSeedWorkflow(client: Client, o: StartSeedOptions) {
  const input: SeedDemoDataInput = {
    seed: o.seed,
    contacts: o.contacts,
    batchSize: o.batchSize ?? Math.min(1000, Math.max(50, Math.ceil(o.contacts / 20))),
    messagesPerContact: o.messagesPerContact ?? 4,
    authorId: o.authorId,
    authorName: o.authorName,
  };
  const workflowId = `seed-demo-${o.seed}-${o.contacts}-${Date.now()}`;
  return client.workflow.start('SeedDemoDataWorkflow', {
      taskQueue: o.taskQueue,
      workflowId,
      args: [input],
      staticSummary: `Seed ${o.contacts} demo contacts (seed ${o.seed})`,
      typedSearchAttributes: [
        { key: CasebookKind, value: 'seed-demo' },
        ...(o.actorId ? [{ key: CasebookActor, value: o.actorId }] : []),
      ],
  });
}
