import { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildProduction } from '../../scripts/build';
import { dataDir } from '../../scripts/services/paths';
import { connectTemporal } from '../../temporal/connection';
import { startDedupeSweep } from '../../temporal/dedupe-sweep';
import { searchAttributeDefinitions } from '../../temporal/search-attributes';
import { startBuiltProcess, type BuiltProcess } from '../../scripts/services/built-process';
import { startTcpProxy } from '../support/tcp-proxy';

// Production as the image runs it (issue #15, part 1): the build's output under plain node, NODE_ENV=production,
// a fresh database and a fresh Temporal namespace, nothing from scripts/start.ts: the processes set up what they need.
describe('a production deployment starts by itself', () => {
  const s = inject('testServices');
  const suffix = randomBytes(4).toString('hex');
  const namespace = `casebook-prod-${suffix}`;
  const admin = { email: 'owner@firm.example', password: 'a long production passphrase' };
  let build: { outDir: string; workflowBundle: string };
  let worker: BuiltProcess;
  let web: BuiltProcess;
  let url = '';
  let temporal: Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    build = await buildProduction(join(dataDir, 'test', `dist-${suffix}`));
    env = {
      MONGODB_URI: s.mongodbUri,
      MONGODB_DB: `casebook_prod_${suffix}`,
      TEMPORAL_ADDRESS: s.temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: 'casebook',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      WORKFLOW_BUNDLE_PATH: build.workflowBundle,
      DATA_DIR: join(dataDir, 'test', `prod-data-${suffix}`),
      // Plain HTTP in this test; production sits behind TLS.
      SECURE_COOKIES: 'false',
    };
    // Both at once, as replicas do: each ensures the namespace, the attributes, the indexes, the admin, the Schedules.
    worker = startBuiltProcess(join(build.outDir, 'worker.js'), { ...env, WORKER_ROLE: 'all', CASEBOOK_SERVICE: 'worker' });
    web = startBuiltProcess(join(build.outDir, 'server.js'), { ...env, PORT: '0', CASEBOOK_SERVICE: 'web' });
    await worker.waitFor(/"msg":"worker started"/);
    url = (await web.waitFor(/"url":"(http:[^"]+)","msg":"web server listening"/))[1]!;
    temporal = new Client({ connection: await connectTemporal(s.temporalAddress), namespace });
  });

  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    web?.child.kill('SIGKILL');
    await temporal?.connection.close();
    rmSync(build.outDir, { recursive: true, force: true });
  });

  it('runs no TypeScript loader and logs JSON', () => {
    expect(worker.child.spawnargs.join(' ')).not.toMatch(/tsx|\.ts\b/);
    expect(web.child.spawnargs.join(' ')).not.toMatch(/tsx|\.ts\b/);
    expect(web.output()).toMatch(/^\{"level":30/m);
  });

  it('registered the namespace and its search attributes, and says so in the log', async () => {
    const { customAttributes } = await temporal.connection.operatorService.listSearchAttributes({ namespace });
    for (const name of Object.keys(searchAttributeDefinitions)) expect(Object.keys(customAttributes ?? {})).toContain(name);
    expect(worker.output() + web.output()).toMatch(/start: Temporal namespace registered/);
  });

  it('created the first admin from ADMIN_EMAIL exactly once, though both processes tried', () => {
    const created = (worker.output() + web.output()).match(/first administrator owner@firm\.example created/g) ?? [];
    expect(created).toHaveLength(1);
    expect(worker.output() + web.output()).toMatch(/start: an administrator exists/);
  });

  it('ensured the Schedules', async () => {
    expect((await temporal.schedule.getHandle('casebook-dedupe-sweep-nightly').describe()).action.type).toBe('startWorkflow');
    expect((await temporal.schedule.getHandle('casebook-session-purge-hourly').describe()).action.type).toBe('startWorkflow');
  });

  it('runs a workflow with its search attributes on the built worker', async () => {
    const sweep = await startDedupeSweep(temporal, { taskQueue: 'casebook', actorId: 'test' });
    const result = await sweep.result();
    expect(result.contactsRead).toBe(0);
  });

  it('lets the env-configured admin log in and see the dashboard', async () => {
    const login = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: url }, body: new URLSearchParams({ email: admin.email, password: admin.password }) });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const page = await fetch(`${url}/contacts`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Administrator');
    // The wrong password is refused: the env admin is a real account, not a bypass.
    const wrong = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: url }, body: new URLSearchParams({ email: admin.email, password: 'not it at all' }) });
    expect(wrong.status).not.toBe(303);
  });

  it('stops within 10 s on SIGTERM even when Temporal has gone away under it', async () => {
    const proxy = await startTcpProxy(s.temporalAddress);
    const stranded = startBuiltProcess(join(build.outDir, 'worker.js'), { ...env, TEMPORAL_ADDRESS: proxy.address, WORKER_ROLE: 'general', CASEBOOK_SERVICE: 'stranded-worker' });
    await stranded.waitFor(/"msg":"worker started"/);
    await proxy.cut();
    const stop = stranded.exited();
    stranded.child.kill('SIGTERM');
    const { code, afterMs } = await stop;
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(10_500);
  });

  it('stops within 10 s on SIGTERM', async () => {
    const stops = [worker.exited(), web.exited()];
    worker.child.kill('SIGTERM');
    web.child.kill('SIGTERM');
    for (const stop of await Promise.all(stops)) {
      expect(stop.code).toBe(0);
      expect(stop.afterMs).toBeLessThan(10_500);
    }
  });
});
