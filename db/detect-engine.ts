import mongoose from 'mongoose';

export type DatabaseEngine = 'mongodb' | 'ferretdb';

let assumed: DatabaseEngine | undefined;

/**
 * Take the engine as given instead of asking the server (config
 * DATABASE_ENGINE): 'mongodb' on FerretDB runs MongoDB's read paths and
 * indexes there, which is how the tests exercise them without a mongod.
 */
export function assumeDatabaseEngine(engine: DatabaseEngine | 'auto'): void {
  assumed = engine === 'auto' ? undefined : engine;
}

/**
 * FerretDB answers buildInfo with a ferretdbVersion field. FerretDB v1 with
 * SQLite serves only `_id` equality from an index and scans for any other
 * filter or sort, so some read paths choose differently on it.
 */
export async function detectDatabaseEngine(): Promise<DatabaseEngine> {
  if (assumed) return assumed;
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
}
