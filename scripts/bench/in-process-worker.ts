import mongoose from 'mongoose';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { NativeConnection, Worker, DefaultLogger, Runtime } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { createActivities } from '../../activities/index';
import { logger } from '../../logging/logger';
import { outboxFromConfig } from '../../activities/outbox/outbox-from-config';
import { config } from '../../config/config';

let runtimeInstalled = false;

/** A real worker inside the bench process, on a task queue of the bench's own. */
export async function startBenchWorker(temporalAddress: string, namespace: string, taskQueue: string) {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities({ defaultPhoneRegion: 'US', emailRules: { gmailDotsAndPlus: true }, storage: createGridFsStorage(mongoose.connection.db!), outbox: outboxFromConfig(config), clock: () => new Date(), log: logger }),
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
