import { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { connectDatabase } from '../../db/connection';
import { ensureIndexes } from '../../db/ensure-indexes';
import { assumeDatabaseEngine, detectDatabaseEngine } from '../../db/detect-engine';
import { config } from '../../config/config';
import { connectTemporal } from '../../temporal/connection';

export type TestEnv = {
  mongodbUri: string;
  temporalAddress: string;
  captureUrl: string;
  namespace: string;
  bundlePath: string;
  dbName: string;
  taskQueue: string;
  temporal: Client;
  close: () => Promise<void>;
};

/**
 * A fresh database and task queue for one test file, on the real servers the
 * global setup started. The database is dropped first so reruns start clean.
 */
export async function openTestEnv(name: string): Promise<TestEnv> {
  const s = inject('testServices');
  // Database mode (vitest project database-mode) runs beside the others: its own databases.
  const dbName = `casebook_test_${name.replace(/[^a-z0-9]/gi, '_')}${config.DATABASE_ENGINE === 'mongodb' ? '_dbmode' : ''}`;
  const taskQueue = `test-${name}-${randomBytes(4).toString('hex')}`;
  await connectDatabase(s.mongodbUri, dbName);
  assumeDatabaseEngine(config.DATABASE_ENGINE);
  await mongoose.connection.db!.dropDatabase();
  await ensureIndexes(await detectDatabaseEngine());
  const connection = await connectTemporal(s.temporalAddress);
  const temporal = new Client({ connection, namespace: s.namespace });
  return {
    ...s,
    dbName,
    taskQueue,
    temporal,
    close: async () => {
      await connection.close();
      await mongoose.disconnect();
    },
  };
}
