import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { openTestEnv, type TestEnv } from './test-env';
import { createTestAdmin, startWebServer, type WebServer } from './web-server';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { openOutboxRig, type OutboxRig } from './outbox-rig';

export type Dashboard = { env: TestEnv; worker: WorkerProcess; web: WebServer; browser: Browser; rig?: OutboxRig; close: () => Promise<void> };

/** Everything a browser test needs: a fresh database, the test admin, a worker process, the web server and Chromium. */
export async function openDashboard(name: string, o: { outbox?: boolean; bundleLifetimeMs?: number } = {}): Promise<Dashboard> {
  const env = await openTestEnv(name);
  await createTestAdmin();
  // With the outbox: the web server's webhooks registered at the capture server, the worker sending through it.
  const rig = o.outbox ? await openOutboxRig(env, name, { bundleLifetimeMs: o.bundleLifetimeMs }) : undefined;
  const [worker, web, browser] = await Promise.all([startWorkerProcess({ ...env, extraEnv: rig?.workerEnv }), rig ? rig.web : startWebServer(env), launchBrowser()]);
  return {
    env,
    rig,
    worker,
    web,
    browser,
    close: async () => {
      await browser.close();
      await web.close();
      await worker.kill();
      await env.close();
    },
  };
}
