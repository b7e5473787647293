// `npm start`: services, worker, web server and demo data, on embedded defaults.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connectDatabase, disconnectDatabase } from '../db/connection';
import { ensureIndexes } from '../db/ensure-indexes';
import { detectDatabaseEngine } from '../db/detect-engine';
import { findStaffUserByEmail } from '../db/admin/staff-users';
import { anyContactExists } from '../db/contacts/contacts';
import { config } from '../config/config';
import { childProcessEnv, devTools } from '../config/dev-tools';
import { readSeedProgress, startSeedWorkflow } from '../temporal/seed-demo-data';
import { startDedupeSweep } from '../temporal/dedupe-sweep';
import { Client } from '@temporalio/client';
import { connectTemporal, ensureNamespace } from '../temporal/connection';
import { ensureAdmin } from './ensure-admin';
import { ensureServices } from './services/index';
import { dataDir, repoRoot } from './services/paths';
import { SERVICE_NODE_FLAGS } from '../config/service-node-flags';
import { stopChild, waitForPort } from './services/process';

const DEMO_CONTACTS = devTools.DEMO_CONTACTS;

function startNodeProcess(name: string, entry: string, env: Record<string, string | undefined>, nodeFlags: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry], { cwd: repoRoot, env: childProcessEnv({ ...env, CASEBOOK_SERVICE: name }), stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

let stopping = false;
let shutdown: (code: number) => Promise<void> = async (code) => process.exit(code);

async function run() {
  const started = Date.now();
  const services = await ensureServices();
  const children: ChildProcess[] = [];
  shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping…');
    await Promise.all(children.map((c) => stopChild(c)));
    await services.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  const port = config.PORT;
  const env = {
    MONGODB_URI: services.mongodbUri,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_UI_URL: services.temporalUiUrl,
    PORT: String(port),
  };
  const dbName = config.MONGODB_DB;
  const namespace = config.TEMPORAL_NAMESPACE;
  await connectDatabase(services.mongodbUri, dbName);
  await ensureIndexes(await detectDatabaseEngine());
  const admin = await ensureAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD, demoLoginFile: join(dataDir, 'demo-admin-password.txt') });
  const connection = await connectTemporal(services.temporalAddress);
  await ensureNamespace(connection, namespace);
  const temporal = new Client({ connection, namespace });

  // Two workers, as in production: the workflows and their activities, and one for imports alone (workflows/task-queues.ts).
  children.push(startNodeProcess('worker', 'worker.ts', { ...env, WORKER_ROLE: 'general' }, SERVICE_NODE_FLAGS));
  children.push(startNodeProcess('import-worker', 'worker.ts', { ...env, WORKER_ROLE: 'imports' }, SERVICE_NODE_FLAGS));
  children.push(startNodeProcess('web', 'server.ts', env, SERVICE_NODE_FLAGS));

  if (!(await anyContactExists()) && DEMO_CONTACTS > 0) {
    const author = await findStaffUserByEmail(admin.email);
    const handle = await startSeedWorkflow(temporal, {
      seed: 1,
      contacts: DEMO_CONTACTS,
      authorId: String(author!._id),
      authorName: author!.name,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
    });
    console.log(`[start] first run: loading ${DEMO_CONTACTS} demo contacts through workflow ${handle.workflowId}…`);
    const timer = setInterval(async () => {
      const p = await readSeedProgress(temporal, handle.workflowId);
      if (p) console.log(`[start]   ${p.done} / ${p.total} contacts`);
    }, 2000);
    const totals = await handle.result();
    clearInterval(timer);
    console.log(`[start] demo data: ${totals.contacts} contacts, ${totals.cases} cases, ${totals.messages} messages, ${totals.notes} notes`);
    // One sweep right away, so the demo shows its duplicate suggestions without waiting for the night.
    const sweep = await startDedupeSweep(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(author!._id) });
    const found = await sweep.result();
    console.log(`[start] duplicate sweep: ${found.groupsFound} groups of likely duplicates among ${found.contactsRead} contacts`);
  }
  await disconnectDatabase();
  await connection.close();
  await waitForPort(port, 'web server', 60_000);

  const url = `http://localhost:${port}`;
  console.log(`
  Casebook is running (ready in ${((Date.now() - started) / 1000).toFixed(1)}s)

    Dashboard    ${url}
    Login        ${admin.email} / ${admin.password ?? '(the ADMIN_PASSWORD you set earlier)'}
    Temporal UI  ${services.temporalUiUrl ?? '(external Temporal; see its own UI)'}
    Database     ${services.mongodbUri} (${services.rungs.database})
    Temporal     ${services.temporalAddress} (${services.rungs.temporal})

  Press Ctrl-C to stop.
`);
}

run().catch(async (err) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
