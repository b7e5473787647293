import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { openTestEnv, type TestEnv } from './test-env';
import { createTestAdmin, startWebServer, type WebServer } from './web-server';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

export type Dashboard = { env: TestEnv; worker: WorkerProcess; web: WebServer; browser: Browser; close: () => Promise<void> };

/** Everything a browser test needs: a fresh database, the test admin, a worker process, the web server and Chromium. */
export async function openDashboard(name: string): Promise<Dashboard> {
  const env = await openTestEnv(name);
  await createTestAdmin();
  const [worker, web, browser] = await Promise.all([startWorkerProcess(env), startWebServer(env), launchBrowser()]);
  return {
    env,
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
