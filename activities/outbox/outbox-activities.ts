// DeliverMessageWorkflow's activities, built from the worker's dependencies.
import type { ActivityDeps } from '../deps';
import { planDelivery, type DeliveryPlan } from './plan-delivery';
import { giveUpOnMessage, sendMessage, type SendResult } from './send-message';

export type { DeliveryPlan, SendResult };

export function createOutboxActivities(deps: ActivityDeps) {
  return {
    planDelivery: (messageId: string): Promise<DeliveryPlan> => planDelivery(deps.outbox, messageId, deps.clock()),
    sendMessage: (messageId: string): Promise<SendResult> => sendMessage(deps.outbox, messageId, deps.clock),
    giveUpOnMessage: (messageId: string, reason: string): Promise<void> => giveUpOnMessage(messageId, reason, deps.clock()),
  };
}
