// DeliverMessageWorkflow's query: where a message's delivery is (the Temporal UI and tests read it).
import { defineQuery } from '@temporalio/workflow';
import type { MessageStatus } from '../../domain/outbox/message-status';

export type DeliveryState = { status: MessageStatus; until?: string; reason?: string };

export const deliveryStateQuery = defineQuery<DeliveryState>('delivery');
