// `npm start`: services, worker, web server and demo data, on embedded defaults,
// supervised (scripts/services/supervisor.ts): a child that dies is reported
// and restarted; every child dies with this process, even on SIGKILL.
import type { ChildProcess } from 'node:child_process';
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
import { Types } from 'mongoose';
import { requestBundle } from '../activities/bundles/request-bundle';
import { findContact } from '../db/contacts/contacts';
import { demoId } from '../domain/demo-data/demo-ids';
import { startBundleDocuments } from '../temporal/bundle-documents';
import { connectTemporal, ensureNamespace } from '../temporal/connection';
import { ensureAdmin } from './ensure-admin';
import { loadDemoPortal } from './demo-portal';
import { ensureServices } from './services/index';
import { captureAccount, connectCapture } from './capture/connect-capture';
import { publicBaseUrl } from '../activities/outbox/outbox-from-config';
import { dataDir, repoRoot } from './services/paths';
import { SERVICE_NODE_FLAGS, workerNodeFlags } from '../config/service-node-flags';
import { spawnTiedToParent, waitForPort, type Supervised } from './services/process';
import { Supervisor } from './services/supervisor';

const DEMO_CONTACTS = devTools.DEMO_CONTACTS;
const say = (line: string) => console.log(`[start] ${line}`);

/** A Node entry point of ours as a supervised child (tier 1: stopped before the servers it uses). */
function nodeProcess(name: string, entry: string, env: Record<string, string | undefined>, port = 0): Supervised {
  const child: ChildProcess = spawnTiedToParent(process.execPath, [...(entry === 'worker.ts' ? workerNodeFlags(env.WORKER_ROLE) : SERVICE_NODE_FLAGS), '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: childProcessEnv({ ...env, CASEBOOK_SERVICE: name }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, port, child, stop: async () => void child.kill('SIGTERM'), respawn: () => nodeProcess(name, entry, env, port) };
}

let stopping: Promise<void> | undefined;
let stopEverything: (code: number, reason?: string) => Promise<void> = async (code) => process.exit(code);

// Nothing that goes wrong later (a progress query after its connection closed, a lost service) may end the
// supervisor without stopping its children: say it and carry on; the children are watched on their own.
process.on('unhandledRejection', (err) => say(`unexpected error (still running): ${err instanceof Error ? err.message : String(err)}`));
process.on('uncaughtException', (err) => say(`unexpected error (still running): ${err.message}`));

async function run() {
  const started = Date.now();
  const supervisor = new Supervisor(say, (reason) => void stopEverything(1, reason));
  stopEverything = (code, reason) =>
    (stopping ??= (async () => {
      say(reason ? `stopping everything: ${reason}` : 'stopping…');
      await supervisor.stopAll();
      process.exit(code);
    })());
  process.once('SIGINT', () => void stopEverything(0));
  process.once('SIGTERM', () => void stopEverything(0));
  // A second Ctrl-C while stopping: stop now (the children still get SIGTERM from the kernel as this process ends).
  process.on('SIGINT', () => stopping && process.exit(130));

  const services = await ensureServices();
  for (const service of services.started) supervisor.adopt(service, 0);

  const port = config.PORT;
  // One address for everything npm start shows: the printed dashboard, the links in messages (workers and web) and the
  // demo's own links, so a staff session made at the dashboard also opens a bundle link from the Outbox.
  const url = publicBaseUrl(config);
  // Email and SMS go to the local capture server unless real providers are configured (README, "Email and SMS").
  // The capture server posts its webhooks to the web server directly, not through a PUBLIC_URL proxy it may not reach.
  const messaging = config.SENDGRID_API_KEY || config.TWILIO_ACCOUNT_SID ? {} : await connectCapture({ captureUrl: services.captureUrl, account: captureAccount('dev'), webhookBaseUrl: `http://127.0.0.1:${port}` });
  const env = {
    MONGODB_URI: services.mongodbUri,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_UI_URL: services.temporalUiUrl,
    PORT: String(port),
    ...messaging,
  };
  const dbName = config.MONGODB_DB;
  const namespace = config.TEMPORAL_NAMESPACE;
  await connectDatabase(services.mongodbUri, dbName);
  await ensureIndexes(await detectDatabaseEngine());
  const admin = await ensureAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD, demoLoginFile: join(dataDir, 'demo-admin-password.txt') });
  const connection = await connectTemporal(services.temporalAddress);
  await ensureNamespace(connection, namespace);
  const temporal = new Client({ connection, namespace });

  // Three workers, as in production: the workflows and their activities, one for imports alone and one that makes
  // Download All zips (workflows/task-queues.ts).
  supervisor.adopt(nodeProcess('worker', 'worker.ts', { ...env, WORKER_ROLE: 'general' }), 1);
  supervisor.adopt(nodeProcess('import-worker', 'worker.ts', { ...env, WORKER_ROLE: 'imports' }), 1);
  supervisor.adopt(nodeProcess('bundle-worker', 'worker.ts', { ...env, WORKER_ROLE: 'bundles' }), 1);
  supervisor.adopt(nodeProcess('web', 'server.ts', env, port), 1);

  try {
    if (!(await anyContactExists()) && DEMO_CONTACTS > 0) await loadDemoData(temporal, admin.email, url);
  } finally {
    await disconnectDatabase().catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
  await waitForPort(port, 'web server', 60_000);

  const pids = Object.entries(supervisor.pids()).map(([name, pid]) => `${name} ${pid}`).join(', ');
  console.log(`
  Casebook is running (ready in ${((Date.now() - started) / 1000).toFixed(1)}s)

    Dashboard    ${url}
    Login        ${admin.email} / ${admin.password ?? '(the ADMIN_PASSWORD you set earlier)'}
    Temporal UI  ${services.temporalUiUrl ?? '(external Temporal; see its own UI)'}
    Database     ${services.mongodbUri} (${services.rungs.database})
    Temporal     ${services.temporalAddress} (${services.rungs.temporal})
    Outbox       ${messaging.CAPTURE_URL ? `${url}/admin/outbox (email and SMS go to the capture server at ${services.captureUrl})` : '(real SendGrid / Twilio configured)'}
    Processes    ${pids}

  Press Ctrl-C to stop.
`);
}

async function loadDemoData(temporal: Client, adminEmail: string, publicUrl: string) {
  const author = await findStaffUserByEmail(adminEmail);
  const handle = await startSeedWorkflow(temporal, {
    seed: 1,
    contacts: DEMO_CONTACTS,
    authorId: String(author!._id),
    authorName: author!.name,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
  say(`first run: loading ${DEMO_CONTACTS} demo contacts through workflow ${handle.workflowId}…`);
  // The progress line is best effort: a failed query is skipped, and the timer ends before the connection does.
  // A query still in flight when the demo ends is waited for: closing the connection under it rejected it outside any handler.
  const inFlight = new Set<Promise<unknown>>();
  const timer = setInterval(() => {
    const query: Promise<unknown> = readSeedProgress(temporal, handle.workflowId).then(
      (p) => p && say(`  ${p.done} / ${p.total} contacts`),
      () => undefined,
    ).finally(() => inFlight.delete(query));
    inFlight.add(query);
  }, 2000);
  try {
    const totals = await handle.result();
    say(`demo data: ${totals.contacts} contacts, ${totals.cases} cases, ${totals.messages} messages, ${totals.notes} notes`);
  } finally {
    clearInterval(timer);
    await Promise.all(inFlight);
  }
  // One sweep right away, so the demo shows its duplicate suggestions without waiting for the night.
  const sweep = await startDedupeSweep(temporal, { taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(author!._id) });
  const found = await sweep.result();
  say(`duplicate sweep: ${found.groupsFound} groups of likely duplicates among ${found.contactsRead} contacts`);
  await loadDemoBundle(temporal, author!);
  const portal = await loadDemoPortal(temporal, author!, publicUrl);
  if (portal) say(`demo portal: a portal link was sent to ${portal}; open it from the Outbox page to see the client's portal`);
}

/** A Download All of the first demo contact with documents, so the profile shows a ready bundle and the Outbox its email. */
async function loadDemoBundle(temporal: Client, author: { _id: unknown; name: string }) {
  const contact = await findContact(new Types.ObjectId(demoId('contact', 1, 0)));
  if (!contact) return;
  const asked = await requestBundle({ scope: { kind: 'contact', contact }, actor: { id: author._id as Types.ObjectId, name: author.name }, lifetimeMs: config.BUNDLE_LIFETIME_SECONDS * 1000 });
  if (!asked.ok) return;
  await startBundleDocuments(temporal, { bundleId: String(asked.bundleId), taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(author._id), scope: 'contact' });
  say(`demo bundle: Download All of ${contact.firstName} ${contact.lastName} started (its email will be on the Outbox page)`);
}

run().catch(async (err) => {
  say(err instanceof Error ? err.message : String(err));
  await stopEverything(1, 'start failed');
});
