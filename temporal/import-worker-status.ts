import type { Client } from '@temporalio/client';
import { importTaskQueue } from '../workflows/task-queues';

// temporal.api.enums.v1 values (stable wire numbers; @temporalio/proto is not a direct dependency).
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;

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
      taskQueue: { name: importTaskQueue(workflowTaskQueue), kind: TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TASK_QUEUE_TYPE_ACTIVITY,
    });
    return (pollers?.length ?? 0) > 0;
  } catch {
    return undefined;
  }
}
