import type { Types } from 'mongoose';
import { caseTitleWords } from '../../domain/cases/case-list-row';
import { Case, Counter } from '../models/index';

// Recorded when every case has its title words, so later starts skip the look (on FerretDB it would be a scan).
const DONE_MARKER = 'backfill:case-title-words';
const BATCH = 500;

/**
 * Gives every case written before `titleWords` existed its title's folded
 * words, so the case list's title search on the database (MongoDB's path:
 * an anchored prefix on that indexed field) finds them too. Idempotent and
 * safe when several processes run it at once (each writes the same words);
 * resumable (cases are walked by _id, and done cases are not looked for
 * again). Returns how many cases it gave words to.
 */
export async function backfillCaseTitleWords(): Promise<{ updated: number; skipped: boolean }> {
  if (await Counter.exists({ _id: DONE_MARKER })) return { updated: 0, skipped: true };
  let updated = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await Case.find({ ...(after ? { _id: { $gt: after } } : {}), titleWords: { $exists: false } }, { title: 1 })
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean<{ _id: Types.ObjectId; title?: string }[]>();
    if (!batch.length) break;
    // Straight to the collection: a model save would log each case as changed, and its list row has not changed.
    await Case.collection.bulkWrite(batch.map((c) => ({ updateOne: { filter: { _id: c._id, titleWords: { $exists: false } }, update: { $set: { titleWords: caseTitleWords(c.title ?? '') } } } })), { ordered: false });
    updated += batch.length;
    after = batch.at(-1)!._id;
  }
  await Counter.updateOne({ _id: DONE_MARKER }, { $set: { at: new Date() } }, { upsert: true });
  return { updated, skipped: false };
}
