import { randomUUID } from 'node:crypto';
import { Counter } from './models/index';

/** A random id minted once per database, so a snapshot on disk is never applied to another (or a wiped) database. */
export async function databaseInstanceId(): Promise<string> {
  const existing = await Counter.findOne({ _id: 'database-instance' }).lean();
  if (existing?.at) return `${existing.seq}-${existing.at.getTime()}`;
  const created = await Counter.findOneAndUpdate(
    { _id: 'database-instance' },
    { $setOnInsert: { seq: parseInt(randomUUID().slice(0, 8), 16), at: new Date() } },
    { upsert: true, returnDocument: 'after' },
  ).lean();
  return `${created!.seq}-${created!.at!.getTime()}`;
}
