import type { Client } from '@temporalio/client';
import type { Actor } from '../../db/audit';
import { saveNamedMapping, updateImportJob } from '../../db/imports/import-jobs';
import type { ImportJobDoc } from '../../db/models/index';
import type { ImportPolicy } from '../../domain/imports/combine-import-row';
import type { ColumnMapping } from '../../domain/imports/import-fields';
import { cancelImportWorkflow, startImportWorkflow } from '../../temporal/import-contacts';

export type ImportWorkflows = { temporal: Client; taskQueue: string };

/** Saves the mapping and policy (and the mapping under a name, if given) and starts a dry run: the import's next step. */
export async function startDryRun(o: ImportWorkflows & { job: ImportJobDoc; mapping: ColumnMapping; policy: ImportPolicy; dateOrder: 'mdy' | 'dmy'; saveAs?: string; actor: Actor }): Promise<void> {
  const { job } = o;
  if (o.saveAs) await saveNamedMapping({ name: o.saveAs, headers: job.headers, mapping: o.mapping, actorId: String(o.actor.id) });
  const attempt = (job.dryRuns ?? 0) + 1;
  await updateImportJob(job._id, { mapping: o.mapping, policy: o.policy, dateOrder: o.dateOrder, status: 'checking', dryRuns: attempt, dryRun: null });
  const workflowId = await startImportWorkflow(o.temporal, { importId: job._id, kind: 'dry-run', attempt, taskQueue: o.taskQueue, actorId: String(o.actor.id), fileName: job.fileName });
  await updateImportJob(job._id, { activeWorkflowId: workflowId });
}

/** Starts the import itself (after its dry run), or its undo: the import's status moves on and its workflow starts. */
export async function startImportRun(o: ImportWorkflows & { job: ImportJobDoc; kind: 'run' | 'undo'; actor: Actor }): Promise<void> {
  await updateImportJob(o.job._id, { status: o.kind === 'run' ? 'running' : 'undoing' });
  const workflowId = await startImportWorkflow(o.temporal, { importId: o.job._id, kind: o.kind, taskQueue: o.taskQueue, actorId: String(o.actor.id), fileName: o.job.fileName });
  await updateImportJob(o.job._id, { activeWorkflowId: workflowId });
}

/** Asks a running dry run or import to stop between batches; it records what it did. */
export async function cancelImportPass(o: { temporal: Client; job: ImportJobDoc }): Promise<void> {
  if (o.job.activeWorkflowId && (o.job.status === 'running' || o.job.status === 'checking')) await cancelImportWorkflow(o.temporal, o.job.activeWorkflowId);
}
