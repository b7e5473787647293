import type { Client } from '@temporalio/client';
import { seedProgressQuery, type SeedProgress, type SeedTotals } from '../workflows/index';

export type SeedStatus =
  | { state: 'running'; workflowId: string; progress: SeedProgress; percent: number }
  | { state: 'done'; workflowId: string; totals: SeedTotals }
  | { state: 'failed'; workflowId: string; message: string };

/** Reads a seeding workflow's state for the self-replacing status fragment. */
export async function readSeedStatus(client: Client, workflowId: string): Promise<SeedStatus> {
  const handle = client.workflow.getHandle(workflowId);
  const description = await handle.describe();
  const status = description.status.name;
  if (status === 'COMPLETED') return { state: 'done', workflowId, totals: (await handle.result()) as SeedTotals };
  if (status !== 'RUNNING' && status !== 'CONTINUED_AS_NEW') return { state: 'failed', workflowId, message: `The workflow ended as ${status.toLowerCase()}.` };
  const progress = await handle.query(seedProgressQuery);
  return { state: 'running', workflowId, progress, percent: progress.total ? Math.floor((progress.done / progress.total) * 100) : 0 };
}
