import mongoose from 'mongoose';
// Every process that connects logs the cases it saves through the model (the case list index reads the log).
import './cases/case-changes';

// One Mongoose connection per process. Index building is explicit
// (db/ensure-indexes.ts) so that start-up never races index builds.
mongoose.set('autoIndex', false);
mongoose.set('autoCreate', false);
mongoose.set('strictQuery', true);

/** `serverSelectionTimeoutMS`: how long an operation waits for a database that is gone before it fails. */
export async function connectDatabase(uri: string, dbName: string, o: { serverSelectionTimeoutMS?: number } = {}): Promise<typeof mongoose> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: o.serverSelectionTimeoutMS ?? 10_000 });
  return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
}

export async function pingDatabase(): Promise<boolean> {
  try {
    const db = mongoose.connection.db;
    if (!db) return false;
    await db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

/** The name of the database this process works in (local snapshots of its indexes are named after it). */
export function databaseName(): string {
  return mongoose.connection.db!.databaseName;
}
