import { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import { buildDemoBatch } from '../../activities/demo-data/seed-demo-batch';
import { connectDatabase } from '../../db/connection';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { Case, Contact, linkListCollection, Message, Note } from '../../db/models/index';
import { startSeedWorkflow } from '../../temporal/seed-demo-data';
import { connectTemporal } from '../../temporal/connection';
import { TEST_NAMESPACE } from '../services/index';
import { startBenchWorker } from './in-process-worker';
import { round } from './stats';
import type { BenchEntry } from './types';

const BATCH = 2000;
const AUTHOR = { authorId: '65a000000000000000000001', authorName: 'Bench' };

/**
 * The baseline: the same documents the seed writes, built batch by batch
 * off the clock and written with one plain insertMany per collection and
 * batch into a database of their own. The seed's wall time over this is
 * what seeding costs beyond the database's own insert speed.
 */
async function plainBulkInsertSeconds(size: number, dbName: string): Promise<number> {
  const db = mongoose.connection.useDb(dbName, { useCache: false }).db!;
  await db.dropDatabase();
  const names = { contacts: Contact.collection.collectionName, cases: Case.collection.collectionName, messages: Message.collection.collectionName, notes: Note.collection.collectionName, linkLists: linkListCollection.collectionName };
  for (const name of Object.values(names)) await db.createCollection(name);
  let ms = 0;
  for (let from = 0; from < size; from += BATCH) {
    const batch = buildDemoBatch({ seed: 3, from, count: Math.min(BATCH, size - from), totalContacts: size, messagesPerContact: 1, ...AUTHOR }, { defaultPhoneRegion: 'US', clock: () => new Date(), withDocuments: false });
    const started = performance.now();
    for (const key of Object.keys(names) as (keyof typeof names)[]) if (batch[key].length) await db.collection(names[key]).insertMany(batch[key] as never[], { ordered: false });
    ms += performance.now() - started;
  }
  await db.dropDatabase();
  return ms / 1000;
}

/** Demo-data seeding end to end through Temporal, beside a plain bulk insert of the same documents in the same run. */
export const seedBench: BenchEntry = {
  name: 'seed',
  description: 'SeedDemoDataWorkflow end to end (contacts + cases, messages, notes), and its ratio to a plain bulk insert of the same documents',
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
      log(`plain bulk insert of the documents of ${size} contacts (baseline)`);
      const baseline = await plainBulkInsertSeconds(size, `${dbName}_baseline`);
      log(`baseline ${baseline.toFixed(1)}s; seeding ${size} contacts through the workflow`);
      const started = performance.now();
      const handle = await startSeedWorkflow(client, { seed: 3, contacts: size, taskQueue, batchSize: BATCH, messagesPerContact: 1, ...AUTHOR });
      const totals = await handle.result();
      const seconds = (performance.now() - started) / 1000;
      const rows = totals.contacts + totals.cases + totals.messages + totals.notes;
      return [
        { metric: 'contacts per second', value: round(totals.contacts / seconds), unit: 'contacts/s' },
        { metric: 'rows per second', value: round(rows / seconds), unit: 'rows/s' },
        { metric: 'wall time', value: round(seconds, 2), unit: 's' },
        { metric: 'plain bulk insert of the same documents', value: round(baseline, 2), unit: 's' },
        { metric: 'seed time / plain bulk insert', value: round(seconds / baseline, 2), unit: 'ratio' },
      ];
    } finally {
      await worker.stop();
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
