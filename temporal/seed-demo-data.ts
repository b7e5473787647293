// Starting SeedDemoDataWorkflow and reading how far it is.
import type { Client } from '@temporalio/client';
import type { SeedDemoDataInput } from '../workflows/index';
import { seedProgressQuery, type SeedProgress, type SeedTotals } from '../workflows/messages/seed-demo-data';
import { CasebookActor, CasebookKind } from './search-attributes';

export type { SeedProgress, SeedTotals };
export type StartSeedOptions = { seed: number; contacts: number; authorId: string; authorName: string; taskQueue: string; actorId?: string; batchSize?: number; messagesPerContact?: number; concurrency?: number };

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
    // Two batches side by side: the worker builds one while the database writes the other (both cores busy).
    concurrency: o.concurrency ?? 2,
  };
  const workflowId = `seed-demo-${o.seed}-${o.contacts}-${Date.now()}`;
  return client.workflow.start<(input: SeedDemoDataInput) => Promise<SeedTotals>>('SeedDemoDataWorkflow', {
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

/** How far a running seed is; undefined while it cannot answer (starting, or between runs). */
export async function readSeedProgress(client: Client, workflowId: string): Promise<SeedProgress | undefined> {
  return client.workflow.getHandle(workflowId).query(seedProgressQuery).catch(() => undefined);
}

export type SeedStatus =
  | { state: 'running'; workflowId: string; progress: SeedProgress; percent: number }
  | { state: 'done'; workflowId: string; totals: SeedTotals }
  | { state: 'failed'; workflowId: string; message: string };

/** A seeding workflow's state for the self-replacing status fragment. */
export async function readSeedStatus(client: Client, workflowId: string): Promise<SeedStatus> {
  const handle = client.workflow.getHandle<(input: SeedDemoDataInput) => Promise<SeedTotals>>(workflowId);
  const description = await handle.describe();
  const status = description.status.name;
  if (status === 'COMPLETED') return { state: 'done', workflowId, totals: await handle.result() };
  if (status !== 'RUNNING' && status !== 'CONTINUED_AS_NEW') return { state: 'failed', workflowId, message: `The workflow ended as ${status.toLowerCase()}.` };
  const progress = await handle.query(seedProgressQuery);
  return { state: 'running', workflowId, progress, percent: progress.total ? Math.floor((progress.done / progress.total) * 100) : 0 };
}
