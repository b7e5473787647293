import type { Client } from '@temporalio/client';
import { CasebookActor, CasebookKind } from './search-attributes';

export type ImportWorkflowKind = 'dry-run' | 'run' | 'undo';

/**
 * Starts a pass over an import: the dry run, the import itself, or its
 * undo. Workflow ids say what they are (import-<id>, import-<id>-undo,
 * import-<id>-dry-run-<n>), so ops find them in the Temporal UI; the run
 * and the undo can each happen once.
 */
export async function startImportWorkflow(client: Client, o: { importId: string; kind: ImportWorkflowKind; taskQueue: string; actorId: string; fileName: string; attempt?: number }): Promise<string> {
  const workflowId = o.kind === 'run' ? `import-${o.importId}` : o.kind === 'undo' ? `import-${o.importId}-undo` : `import-${o.importId}-dry-run-${o.attempt ?? 1}`;
  try {
    await client.workflow.start(o.kind === 'undo' ? 'UndoImportWorkflow' : 'ImportContactsWorkflow', {
      taskQueue: o.taskQueue,
      workflowId,
      args: [o.kind === 'undo' ? { importId: o.importId } : { importId: o.importId, mode: o.kind === 'run' ? 'run' : 'dry' }],
      staticSummary: `${o.kind === 'run' ? 'Import' : o.kind === 'undo' ? 'Undo import' : 'Dry run of import'} ${o.importId} (${o.fileName.slice(0, 80)})`,
      typedSearchAttributes: [
        { key: CasebookKind, value: o.kind === 'undo' ? 'import-undo' : o.kind === 'run' ? 'import' : 'import-dry-run' },
        { key: CasebookActor, value: o.actorId },
      ],
    });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
  return workflowId;
}
