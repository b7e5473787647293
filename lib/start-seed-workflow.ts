import type { Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import { CasebookActor, CasebookKind } from './search-attributes';
import type { SeedDemoDataInput } from '../workflows/index';

export type StartSeedOptions = { seed: number; contacts: number; authorId: string; authorName: string; taskQueue: string; actorId?: string };

/** Starts (or joins, if one with the same seed and size is running) a demo-data seeding workflow. */
export async function startSeedWorkflow(client: Client, o: StartSeedOptions) {
  const input: SeedDemoDataInput = {
    seed: o.seed,
    contacts: o.contacts,
    batchSize: Math.min(1000, Math.max(50, Math.ceil(o.contacts / 20))),
    messagesPerContact: 4,
    authorId: o.authorId,
    authorName: o.authorName,
  };
  const workflowId = `seed-demo-${o.seed}-${o.contacts}`;
  try {
    return await client.workflow.start('SeedDemoDataWorkflow', {
      taskQueue: o.taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      staticSummary: `Seed ${o.contacts} demo contacts (seed ${o.seed})`,
      typedSearchAttributes: [
        { key: CasebookKind, value: 'seed-demo' },
        ...(o.actorId ? [{ key: CasebookActor, value: o.actorId }] : []),
      ],
    });
  } catch (err) {
    if ((err as Error).name === 'WorkflowExecutionAlreadyStartedError') return client.workflow.getHandle(workflowId);
    throw err;
  }
}
