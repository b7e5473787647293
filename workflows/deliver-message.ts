import { ActivityFailure, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { deliveryStateQuery, type DeliveryState } from './messages/deliver-message';

const steps = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', maximumInterval: '30 seconds' } });
// The provider call: transient refusals (429, 5xx, no answer) retry with backoff for a day; a permanent one
// is not an error here, sendMessage returns it as the message's "failed" status.
const sending = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' }, // no attempt limit: the day is the limit
});

export type DeliverMessageInput = { messageId: string };
export type DeliverMessageResult = DeliveryState;

// Quiet hours can hold a text more than once only if preferences or the clock move; three is plenty.
const MAX_HOLDS = 3;

/**
 * Delivers outbound message `messageId` (id `message-<id>`): checks the
 * contact's preferences, waits out quiet hours on a durable timer, hands the
 * message to SendGrid or Twilio. Nothing about the contact enters history:
 * the activities read the message record.
 */
export async function DeliverMessageWorkflow({ messageId }: DeliverMessageInput): Promise<DeliverMessageResult> {
  let state: DeliveryState = { status: 'queued' };
  setHandler(deliveryStateQuery, () => state);
  for (let holds = 0; ; holds++) {
    const plan = await steps.planDelivery(messageId);
    if (plan.action === 'stop') return (state = { status: plan.status, reason: plan.reason });
    if (plan.action === 'send' || holds >= MAX_HOLDS) break;
    state = { status: 'held', until: plan.until };
    await sleep(Math.max(0, Date.parse(plan.until) - Date.now()));
  }
  state = { status: 'sending' };
  try {
    const sent = await sending.sendMessage(messageId);
    return (state = { status: sent.status, reason: sent.reason });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    // A day of refusals: the provider is down for good or Casebook is misconfigured; the message says so.
    await steps.giveUpOnMessage(messageId, 'The provider did not take the message for 24 hours.');
    return (state = { status: 'failed', reason: 'The provider did not take the message for 24 hours.' });
  }
}

