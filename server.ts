// The web server: the staff dashboard on Hono, talking to MongoDB and Temporal.
import { serve } from '@hono/node-server';
import mongoose from 'mongoose';
import { createGridFsStorage } from './storage/gridfs-storage';
import { connectDatabase, disconnectDatabase } from './db/connection';
import { ensureIndexes } from './db/ensure-indexes';
import { detectDatabaseEngine, type DatabaseEngine } from './db/detect-engine';
import { ContactListIndexService } from './activities/contacts/contact-list-index';
import { config } from './config/config';
import { logger } from './logging/logger';
import { createTemporalClient } from './temporal/connection';
import { ensureDedupeSchedule } from './temporal/dedupe-sweep';
import { ensureSessionPurgeSchedule } from './temporal/session-purge';
import { createApp } from './web/app';

export async function runServer(): Promise<void> {
  if (!config.MONGODB_URI || !config.TEMPORAL_ADDRESS) {
    throw new Error('MONGODB_URI and TEMPORAL_ADDRESS must be set (npm start sets them for you).');
  }
  await connectDatabase(config.MONGODB_URI, config.MONGODB_DB);
  const engine = await detectDatabaseEngine();
  await ensureIndexes(engine);
  const contactIndex = useMemoryIndex(engine) ? new ContactListIndexService({ dataDir: config.DATA_DIR, dbName: config.MONGODB_DB, log: logger }) : undefined;
  await contactIndex?.start();
  const temporal = await createTemporalClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const storage = createGridFsStorage(mongoose.connection.db!);
  await ensureDedupeSchedule(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE, cron: config.DEDUPE_SWEEP_CRON, timezone: config.DEDUPE_SWEEP_TIMEZONE, autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE }).catch((err) =>
    logger.warn({ err }, 'could not create the nightly dedupe schedule; sweeps can still be started from the dashboard'),
  );
  await ensureSessionPurgeSchedule(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE }).catch((err) =>
    logger.warn({ err }, 'could not create the hourly session purge schedule; ended sessions are refused but kept until it exists'),
  );
  const app = createApp({ temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, temporalUiUrl: config.TEMPORAL_UI_URL, storage, contactIndex });
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    logger.info({ url: `http://${config.HOST}:${info.port}` }, 'web server listening');
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'web server stopping');
    server.close(async () => {
      await temporal.connection.close();
      await disconnectDatabase();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function useMemoryIndex(engine: DatabaseEngine): boolean {
  return config.CONTACT_LIST_INDEX === 'memory' || (config.CONTACT_LIST_INDEX === 'auto' && engine === 'ferretdb');
}

runServer().catch((err) => {
  logger.fatal({ err }, 'web server failed to start');
  process.exit(1);
});
