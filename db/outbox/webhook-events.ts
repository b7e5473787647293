import { webhookEventCollection } from '../models/index';

/**
 * Claims a provider event by its id; false when it was claimed before (a
 * duplicate or a replay). The unique _id makes two deliveries racing each
 * other claim it once.
 */
export async function claimWebhookEvent(id: string, at: Date): Promise<boolean> {
  try {
    await webhookEventCollection.insertOne({ _id: id, at });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}
