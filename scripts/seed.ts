// `npm run seed -- --contacts N [--seed S] [--db NAME] [--messages M]`: fills a
// database with realistic demo contacts, cases, messages and notes through
// the same SeedDemoDataWorkflow the dashboard uses, with a worker of its own.
import { Client } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import { ensureIndexes } from '../db/ensure-indexes';
import { detectDatabaseEngine } from '../db/detect-engine';
import { findAnyAdmin } from '../db/admin/staff-users';
import { config } from '../config/config';
import { readSeedProgress, startSeedWorkflow } from '../temporal/seed-demo-data';
import { connectTemporal, ensureNamespace } from '../temporal/connection';
import { startBenchWorker } from './bench/in-process-worker';
import { ensureServices } from './services/index';

async function run() {
  const { values } = parseArgs({
    options: {
      contacts: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '2' },
      db: { type: 'string', default: config.MONGODB_DB },
      messages: { type: 'string' },
    },
  });
  const contacts = Number(values.contacts);
  const seed = Number(values.seed);
  if (!Number.isInteger(contacts) || contacts < 1 || contacts > 10_000_000) throw new Error('--contacts takes a whole number from 1 to 10,000,000');
  if (!Number.isInteger(seed) || seed < 1 || seed > 65_535) throw new Error('--seed takes a whole number from 1 to 65,535');
  // Large seeds keep about one message per contact so a million contacts load in minutes.
  const messagesPerContact = values.messages !== undefined ? Number(values.messages) : contacts > 100_000 ? 1 : 4;

  const services = await ensureServices();
  const namespace = config.TEMPORAL_NAMESPACE;
  const connection = await connectTemporal(services.temporalAddress);
  await ensureNamespace(connection, namespace);
  const client = new Client({ connection, namespace });
  await connectDatabase(services.mongodbUri, values.db!);
  await ensureIndexes(await detectDatabaseEngine());
  const author = await findAnyAdmin();
  const taskQueue = `seed-${process.pid}`;
  const worker = await startBenchWorker(services.temporalAddress, namespace, taskQueue);
  const started = Date.now();
  try {
    const handle = await startSeedWorkflow(client, {
      seed,
      contacts,
      taskQueue,
      authorId: author ? String(author._id) : '65a000000000000000000001',
      authorName: author?.name ?? 'Demo Admin',
      batchSize: contacts > 100_000 ? 2000 : undefined,
      messagesPerContact,
    });
    console.log(`Seeding ${contacts.toLocaleString('en-US')} contacts into "${values.db}" (workflow ${handle.workflowId}, visible in the Temporal UI)`);
    const timer = setInterval(async () => {
      const p = await readSeedProgress(client, handle.workflowId);
      if (!p) return;
      const seconds = (Date.now() - started) / 1000;
      const rate = p.done / seconds;
      const eta = rate > 0 ? Math.round((p.total - p.done) / rate) : 0;
      console.log(`  ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} contacts  ${Math.round(rate)}/s  ETA ${eta}s`);
    }, 5000);
    const totals = await handle.result();
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    console.log(`Done in ${seconds.toFixed(1)}s: ${totals.contacts} contacts, ${totals.cases} cases, ${totals.messages} messages, ${totals.notes} notes written (${Math.round(totals.contacts / seconds)} contacts/s)`);
  } finally {
    await worker.stop();
    await connection.close();
    await disconnectDatabase();
    await services.stop();
  }
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
