import { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import { connectDatabase } from '../../db/connection';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { startSeedWorkflow } from '../../temporal/seed-demo-data';
import { connectTemporal } from '../../temporal/connection';
import { TEST_NAMESPACE } from '../services/index';
import { startBenchWorker } from './in-process-worker';
import { round } from './stats';
import type { BenchEntry } from './types';

/** Demo-data seeding end to end through Temporal: contacts and rows written per second. */
export const seedBench: BenchEntry = {
  name: 'seed',
  description: 'SeedDemoDataWorkflow end to end (contacts + cases, messages, notes)',
  defaultSize: 20_000,
  async run({ size, services, dbName, log }) {
    await connectDatabase(services.mongodbUri, dbName);
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    const connection = await connectTemporal(services.temporalAddress);
    const client = new Client({ connection, namespace: TEST_NAMESPACE });
    const taskQueue = `bench-seed-${Date.now()}`;
    const worker = await startBenchWorker(services.temporalAddress, TEST_NAMESPACE, taskQueue);
    try {
      log(`seeding ${size} contacts`);
      const started = performance.now();
      const handle = await startSeedWorkflow(client, { seed: 3, contacts: size, taskQueue, authorId: '65a000000000000000000001', authorName: 'Bench' });
      const totals = await handle.result();
      const seconds = (performance.now() - started) / 1000;
      const rows = totals.contacts + totals.cases + totals.messages + totals.notes;
      return [
        { metric: 'contacts per second', value: round(totals.contacts / seconds), unit: 'contacts/s' },
        { metric: 'rows per second', value: round(rows / seconds), unit: 'rows/s' },
        { metric: 'wall time', value: round(seconds, 2), unit: 's' },
      ];
    } finally {
      await worker.stop();
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
