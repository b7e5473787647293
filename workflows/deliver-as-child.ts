// The one way a workflow sends an outbox message: the message's own
// DeliverMessageWorkflow (id `message-<id>`) as an abandoned child, so it
// outlives the workflow that queued it, found in the Temporal UI by kind.
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';

const CasebookKind: SearchAttributeKey<'KEYWORD'> = { name: 'CasebookKind', type: 'KEYWORD' };
const CasebookActor: SearchAttributeKey<'KEYWORD'> = { name: 'CasebookActor', type: 'KEYWORD' };

/** `summary` names the purpose; the channel is added ("task-reminder by SMS"). */
export async function deliverAsChild(messageId: string, summary: string, channel?: 'email' | 'sms'): Promise<void> {
  await startChild('DeliverMessageWorkflow', {
    workflowId: `message-${messageId}`,
    args: [{ messageId }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    staticSummary: channel ? `${summary} by ${channel === 'sms' ? 'SMS' : 'email'}` : summary,
    typedSearchAttributes: [
      { key: CasebookKind, value: 'message' },
      { key: CasebookActor, value: 'system' },
    ],
  });
}
