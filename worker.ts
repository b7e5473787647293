// The Temporal worker: wires real dependencies into the activities and runs
// the workflows. Uses a prebuilt workflow bundle when WORKFLOW_BUNDLE_PATH is
// set (production, tests), and bundles from source otherwise (development).
// WORKER_ROLE picks what this process serves (see config/config.ts): an imports
// worker loads only the import code, so its memory is the import's; a bundles
// worker only the code that makes Download All zips.
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { ActivityDeps, ActivityDepsWithoutOutbox } from './activities/deps';
import { connectDatabase, disconnectDatabase } from './db/connection';
import { assumeDatabaseEngine, detectDatabaseEngine } from './db/detect-engine';
import { config, emailRules, temporalSettings } from './config/config';
import { describeTemporalConnection, temporalConnectionOptions } from './temporal/connection-options';
import { exitWithin } from './startup/exit-within';
import { logger } from './logging/logger';
import { createGridFsStorage } from './storage/gridfs-storage';
import { bundleTaskQueue, importTaskQueue } from './workflows/task-queues';
import mongoose from 'mongoose';
import v8 from 'node:v8';

// The worker's big jobs (a sweep's million prepared contacts, an import's
// batches) make V8 let the heap grow to twice what it holds before it
// collects; a 20% margin keeps the worker's memory near what it uses, for a
// few percent more time in the collector.
v8.setFlagsFromString('--heap-growing-percent=20');

export async function runWorker(): Promise<void> {
  if (!config.MONGODB_URI || !config.TEMPORAL_ADDRESS) {
    throw new Error('MONGODB_URI and TEMPORAL_ADDRESS must be set (npm start sets them for you).');
  }
  // The SDK's own logs (bundler, state changes) only when something is wrong.
  Runtime.install({ logger: new SdkLogger(config.LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
  const temporalOptions = temporalConnectionOptions(temporalSettings()!);
  logger.info({ temporal: describeTemporalConnection(temporalOptions), namespace: config.TEMPORAL_NAMESPACE, role: config.WORKER_ROLE }, 'worker starting');
  await connectDatabase(config.MONGODB_URI, config.MONGODB_DB);
  assumeDatabaseEngine(config.DATABASE_ENGINE);
  const engine = await detectDatabaseEngine();
  if (config.WORKER_ROLE === 'all' || config.WORKER_ROLE === 'general') {
    // Collections, namespace, attributes, first admin and Schedules exist before any activity runs (a worker may start before the web server).
    const [{ connectTemporal }, { ensureDependencies }] = await Promise.all([import('./temporal/connection'), import('./startup/ensure-dependencies')]);
    const client = await connectTemporal(temporalOptions);
    await ensureDependencies({
      engine,
      temporal: client,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      admin: { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
      dedupeSchedule: { cron: config.DEDUPE_SWEEP_CRON, timezone: config.DEDUPE_SWEEP_TIMEZONE, autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE },
      log: logger,
    });
    await client.close();
  } else {
    // An imports or bundles worker starts no workflow and schedules nothing: it needs only the collections and
    // indexes, and so never loads the Temporal client (the general worker and the web server ensure the rest).
    const { ensureDatabaseDependencies } = await import('./startup/ensure-dependencies');
    await ensureDatabaseDependencies(engine, logger);
  }
  const connection = await NativeConnection.connect(temporalOptions);
  const base: ActivityDepsWithoutOutbox = {
    defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
    emailRules,
    storage: createGridFsStorage(mongoose.connection.db!),
    indexDir: join(config.DATA_DIR, 'indexes'),
    clock: () => new Date(),
    log: logger,
  };
  // The SendGrid and Twilio SDKs are loaded only where messages are sent: a bundles or imports worker stays smaller.
  const withOutbox = async (): Promise<ActivityDeps> => ({ ...base, outbox: (await import('./activities/outbox/outbox-from-config')).outboxFromConfig(config) });
  const common = {
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    // Activities get this long to finish on SIGTERM; exitWithin below ends the process at 10 s whatever happens.
    shutdownGraceTime: '7 seconds',
    // Heartbeats reach the server at least this often, so a cancelled import stops within seconds.
    maxHeartbeatThrottleInterval: '2 seconds',
  } as const;
  const workers: Worker[] = [];
  const taskQueues: string[] = [];
  if (config.WORKER_ROLE === 'all' || config.WORKER_ROLE === 'general') {
    // Loaded only here: an imports worker never holds the sweep's, the merge's or the demo data's code.
    const { createActivities } = await import('./activities/index');
    workers.push(await Worker.create({
      ...common,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: createActivities(await withOutbox()),
      ...(config.WORKFLOW_BUNDLE_PATH
        ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } }
        : { workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)) }),
    }));
    taskQueues.push(config.TEMPORAL_TASK_QUEUE);
  }
  if (config.WORKER_ROLE === 'all' || config.WORKER_ROLE === 'bundles') {
    // Only the zip-making code: a bundle streams, so this worker stays small whatever the bundle's size.
    const { createBundleBuildActivities } = await import('./activities/bundles/bundle-activities');
    const taskQueue = bundleTaskQueue(config.TEMPORAL_TASK_QUEUE);
    workers.push(await Worker.create({ ...common, taskQueue, activities: createBundleBuildActivities(base) }));
    taskQueues.push(taskQueue);
  }
  if (config.WORKER_ROLE === 'all' || config.WORKER_ROLE === 'imports') {
    const { createImportActivities } = await import('./activities/imports/import-activities');
    const taskQueue = importTaskQueue(config.TEMPORAL_TASK_QUEUE);
    workers.push(await Worker.create({ ...common, taskQueue, activities: createImportActivities(base) }));
    taskQueues.push(taskQueue);
  }
  logger.info({ role: config.WORKER_ROLE, taskQueues, namespace: config.TEMPORAL_NAMESPACE }, 'worker started');
  stopping.serving();
  // Worker.run handles SIGINT/SIGTERM itself: it stops polling and lets running activities finish.
  await Promise.all(workers.map((w) => w.run()));
  await connection.close();
  await disconnectDatabase();
  logger.info('worker stopped');
}

/** The SDK's logger, minus its warning at every start that a worker has no workflows: an imports worker is meant to have none. */
class SdkLogger extends DefaultLogger {
  override log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (!message.startsWith('No workflows registered')) super.log(level, message, meta);
  }
}

// Bounded stop: the SDK drains on SIGTERM, but with Temporal or the database gone the drain can wait for ever.
const stopping = exitWithin(10_000, logger);

runWorker().catch((err) => {
  logger.fatal({ err }, 'worker failed');
  process.exit(1);
});
