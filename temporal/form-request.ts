// Starting and signalling a sent form's FormRequestWorkflow.
import type { Client } from '@temporalio/client';
import type { FormRequestInput } from '../workflows/index';
import { formCancelledSignal, formRequestWorkflowId, formSubmittedSignal } from '../workflows/messages/form-request';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

export async function startFormRequestWorkflow(client: Client, o: { requestId: string; sentAt: Date; expiresAt: Date; remindAfterDays: number[]; taskQueue: string; actorId: string }): Promise<string> {
  const input: FormRequestInput = { requestId: o.requestId, sentAt: o.sentAt.toISOString(), expiresAt: o.expiresAt.toISOString(), remindAfterDays: o.remindAfterDays };
  return startWorkflowOnce(client, 'FormRequestWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: formRequestWorkflowId(o.requestId),
    args: [input],
    staticSummary: `Form sent to a client: reminders after ${o.remindAfterDays.join(', ')} days, PDF when submitted`,
    typedSearchAttributes: [
      { key: CasebookKind, value: 'form-request' },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

const ignoreEnded = (err: Error) => {
  if (err.name !== 'WorkflowNotFoundError') throw err;
};

export async function signalFormSubmitted(client: Client, requestId: string, submissionId: string): Promise<void> {
  await client.workflow.getHandle(formRequestWorkflowId(requestId)).signal(formSubmittedSignal, submissionId).catch(ignoreEnded);
}

export async function signalFormCancelled(client: Client, requestId: string): Promise<void> {
  await client.workflow.getHandle(formRequestWorkflowId(requestId)).signal(formCancelledSignal).catch(ignoreEnded);
}
