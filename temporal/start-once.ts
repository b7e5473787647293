import type { Client, WorkflowStartOptions } from '@temporalio/client';

/**
 * Starts a workflow under an id derived from what it works on, once: a
 * second start with the same id (a double submit, a retried request) finds
 * it already started and leaves it alone. Returns the workflow id.
 */
export async function startWorkflowOnce(client: Client, workflowType: string, options: WorkflowStartOptions & { workflowId: string }): Promise<string> {
  try {
    await client.workflow.start(workflowType, options);
  } catch (err) {
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
  return options.workflowId;
}
