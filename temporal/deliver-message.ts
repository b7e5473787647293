// Starting DeliverMessageWorkflow for a queued message and asking where it is.
import type { Client } from '@temporalio/client';
import type { DeliverMessageInput, DeliverMessageResult } from '../workflows/index';
import { deliveryStateQuery, type DeliveryState } from '../workflows/messages/deliver-message';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

export const deliverWorkflowId = (messageId: string) => `message-${messageId}`;

/** Starts the delivery of message `messageId`; its id is derived from the message, so a retried request starts one. No personal data in id, summary or attributes. */
export async function startMessageDelivery(client: Client, o: { messageId: string; taskQueue: string; actorId?: string; channel: 'email' | 'sms'; purpose: string }): Promise<string> {
  const input: DeliverMessageInput = { messageId: o.messageId };
  return startWorkflowOnce(client, 'DeliverMessageWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: deliverWorkflowId(o.messageId),
    args: [input],
    staticSummary: `${o.purpose} by ${o.channel === 'sms' ? 'SMS' : 'email'}`,
    typedSearchAttributes: [
      { key: CasebookKind, value: 'message' },
      { key: CasebookActor, value: o.actorId ?? 'system' },
    ],
  });
}

export async function messageDeliveryResult(client: Client, messageId: string): Promise<DeliverMessageResult> {
  return client.workflow.getHandle<(i: DeliverMessageInput) => Promise<DeliverMessageResult>>(deliverWorkflowId(messageId)).result();
}

export async function readDeliveryState(client: Client, messageId: string): Promise<DeliveryState | undefined> {
  return client.workflow.getHandle(deliverWorkflowId(messageId)).query(deliveryStateQuery).catch(() => undefined);
}
