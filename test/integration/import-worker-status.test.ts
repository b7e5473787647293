import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkerPolling } from '../../temporal/import-contacts';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

describe('the import page knows whether an import worker is running', () => {
  let env: TestEnv;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    env = await openTestEnv('import_worker_status');
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await env.close();
  });

  it('no while only the general worker runs, yes once an imports worker polls its queue', async () => {
    expect(await importWorkerPolling(env.temporal, env.taskQueue)).toBe(false);
    workers.push(await startWorkerProcess({ ...env, role: 'general' }));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await importWorkerPolling(env.temporal, env.taskQueue)).toBe(false);
    workers.push(await startWorkerProcess({ ...env, role: 'imports' }));
    await expect.poll(() => importWorkerPolling(env.temporal, env.taskQueue), { timeout: 15_000 }).toBe(true);
  });
});
