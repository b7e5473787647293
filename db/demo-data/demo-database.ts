import { Contact, Counter } from '../models/index';

const MARKER_ID = 'demo-database';

/** Records that this database holds demo data (every seeding batch calls it; idempotent). */
export async function markDemoDatabase(at = new Date()): Promise<void> {
  await Counter.updateOne({ _id: MARKER_ID }, { $setOnInsert: { seq: 1, at } }, { upsert: true });
}

/**
 * Whether demo data may be loaded here: into an empty database, or one that
 * already holds demo data. Never into a firm's real contacts, where a
 * thousand invented people would mix with its clients.
 */
export async function demoDataAllowed(): Promise<boolean> {
  if (await Counter.exists({ _id: MARKER_ID })) return true;
  return !(await Contact.exists({}));
}
