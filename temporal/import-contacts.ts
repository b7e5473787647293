// Starting, cancelling and watching ImportContactsWorkflow and UndoImportWorkflow.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { ImportContactsInput, ImportContactsResult } from '../workflows/index';
import { importTaskQueue } from '../workflows/task-queues';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

export type ImportWorkflowKind = 'dry-run' | 'run' | 'undo';

/**
 * Starts a pass over an import: the dry run, the import itself, or its
 * undo. Workflow ids say what they are (import-<id>, import-<id>-undo,
 * import-<id>-dry-run-<n>), so ops find them in the Temporal UI; the run
 * and the undo can each happen once.
 */
export async function startImportWorkflow(client: Client, o: { importId: string; kind: ImportWorkflowKind; taskQueue: string; actorId: string; fileName: string; attempt?: number }): Promise<string> {
  const workflowId = o.kind === 'run' ? `import-${o.importId}` : o.kind === 'undo' ? `import-${o.importId}-undo` : `import-${o.importId}-dry-run-${o.attempt ?? 1}`;
  const input: ImportContactsInput | { importId: string } = o.kind === 'undo' ? { importId: o.importId } : { importId: o.importId, mode: o.kind === 'run' ? 'run' : 'dry' };
  return startWorkflowOnce(client, o.kind === 'undo' ? 'UndoImportWorkflow' : 'ImportContactsWorkflow', {
    taskQueue: o.taskQueue,
    workflowId,
    args: [input],
    staticSummary: `${o.kind === 'run' ? 'Import' : o.kind === 'undo' ? 'Undo import' : 'Dry run of import'} ${o.importId} (${o.fileName.slice(0, 80)})`,
    typedSearchAttributes: [
      { key: CasebookKind, value: o.kind === 'undo' ? 'import-undo' : o.kind === 'run' ? 'import' : 'import-dry-run' },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

/** Waits for an import pass's workflow to end and returns its result. */
export async function importPassResult(client: Client, workflowId: string): Promise<ImportContactsResult> {
  return client.workflow.getHandle<(input: ImportContactsInput) => Promise<ImportContactsResult>>(workflowId).result();
}

/** Asks a running pass to stop between batches; it records what it did and ends as cancelled. */
export async function cancelImportWorkflow(client: Client, workflowId: string): Promise<void> {
  await client.workflow.getHandle(workflowId).cancel();
}

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * Whether any worker has lately polled the imports task queue for
 * activities: an import whose workers were deployed without the imports
 * role (WORKER_ROLE) would otherwise wait in silence. Temporal keeps a
 * poller for a few minutes after its worker stops, so this only ever warns
 * late, never wrongly. Undefined when Temporal cannot say.
 */
export async function importWorkerPolling(client: Client, workflowTaskQueue: string): Promise<boolean | undefined> {
  try {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: importTaskQueue(workflowTaskQueue), kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    });
    return (pollers?.length ?? 0) > 0;
  } catch {
    return undefined;
  }
}
