import type { Client } from '@temporalio/client';
import { CasebookActor, CasebookKind } from './search-attributes';

/** Starts the merge (or unmerge) of merge record `mergeId`; the workflow id is derived from it, so a double submit starts one. */
export async function startMergeWorkflow(client: Client, o: { mergeId: string; taskQueue: string; actorId: string; kind: 'merge' | 'unmerge'; summary: string }) {
  const workflowId = `${o.kind}-contacts-${o.mergeId}`;
  try {
    await client.workflow.start(o.kind === 'merge' ? 'MergeContactsWorkflow' : 'UnmergeContactsWorkflow', {
      taskQueue: o.taskQueue,
      workflowId,
      args: [{ mergeId: o.mergeId }],
      staticSummary: o.summary,
      typedSearchAttributes: [
        { key: CasebookKind, value: o.kind },
        { key: CasebookActor, value: o.actorId },
      ],
    });
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
  return workflowId;
}
