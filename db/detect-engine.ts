import mongoose from 'mongoose';

export type DatabaseEngine = 'mongodb' | 'ferretdb';

/**
 * FerretDB answers buildInfo with a ferretdbVersion field. FerretDB v1 with
 * SQLite serves only `_id` equality from an index and scans for any other
 * filter or sort, so some read paths choose differently on it.
 */
export async function detectDatabaseEngine(): Promise<DatabaseEngine> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
}
