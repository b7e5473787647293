// The web server: the staff dashboard on Hono, talking to MongoDB and Temporal.
import { serve } from '@hono/node-server';
import mongoose from 'mongoose';
import type { Connection } from '@temporalio/client';
import { createGridFsStorage } from './storage/gridfs-storage';
import { connectDatabase, disconnectDatabase } from './db/connection';
import { assumeDatabaseEngine, detectDatabaseEngine } from './db/detect-engine';
import { CaseListIndexService } from './activities/cases/case-list-index';
import { chooseListIndex, ContactListIndexService } from './activities/contacts/contact-list-index';
import { config, temporalSettings } from './config/config';
import { logger } from './logging/logger';
import { createTemporalClient } from './temporal/connection';
import { describeTemporalConnection, temporalConnectionOptions } from './temporal/connection-options';
import { ensureDependencies } from './startup/ensure-dependencies';
import { exitWithin } from './startup/exit-within';
import { createApp } from './web/app';
import { outboxWebSettings } from './web/outbox/outbox-web-settings';

export async function runServer(): Promise<void> {
  if (!config.MONGODB_URI || !config.TEMPORAL_ADDRESS) {
    throw new Error('MONGODB_URI and TEMPORAL_ADDRESS must be set (npm start sets them for you).');
  }
  const temporalOptions = temporalConnectionOptions(temporalSettings()!);
  logger.info({ temporal: describeTemporalConnection(temporalOptions), namespace: config.TEMPORAL_NAMESPACE }, 'web server starting');
  // A page waits at most 5 s for a database that is down, then says so (503); workers wait longer, their activities retry.
  await connectDatabase(config.MONGODB_URI, config.MONGODB_DB, { serverSelectionTimeoutMS: 5_000 });
  assumeDatabaseEngine(config.DATABASE_ENGINE);
  const engine = await detectDatabaseEngine();
  const temporal = await createTemporalClient(temporalOptions, config.TEMPORAL_NAMESPACE);
  await ensureDependencies({
    engine,
    temporal: temporal.connection as Connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    admin: { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
    dedupeSchedule: { cron: config.DEDUPE_SWEEP_CRON, timezone: config.DEDUPE_SWEEP_TIMEZONE, autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE },
    log: logger,
  });
  const contactIndex = chooseListIndex(config.CONTACT_LIST_INDEX, engine) === 'memory' ? new ContactListIndexService({ dataDir: config.DATA_DIR, dbName: config.MONGODB_DB, log: logger }) : undefined;
  await contactIndex?.start();
  // The case list chooses as the contacts list does: memory on FerretDB.
  const caseIndex = contactIndex ? new CaseListIndexService({ dataDir: config.DATA_DIR, dbName: config.MONGODB_DB, log: logger }) : undefined;
  await caseIndex?.start();
  const storage = createGridFsStorage(mongoose.connection.db!);
  const app = createApp({ temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, temporalUiUrl: config.TEMPORAL_UI_URL, storage, contactIndex, caseIndex, outbox: outboxWebSettings(config) });
  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
    logger.info({ url: `http://${config.HOST}:${info.port}` }, 'web server listening');
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'web server stopping');
    server.close(async () => {
      await temporal.connection.close().catch(() => undefined);
      await disconnectDatabase().catch(() => undefined);
      process.exit(0);
    });
    // Open keep-alive connections would hold close() up: end idle ones now, the rest when exitWithin fires.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  stopping.serving();
}

// Bounded stop whatever state Temporal or the database are in (a close that waits on a dead server never returns).
const stopping = exitWithin(10_000, logger);

runServer().catch((err) => {
  logger.fatal({ err }, 'web server failed to start');
  process.exit(1);
});
