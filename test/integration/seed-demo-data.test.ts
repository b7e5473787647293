import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Case, Contact, Message, Note } from '../../db/models/index';
import { expectedSeedTotals } from '../../domain/demo-data/expected-seed-totals';
import { startSeedWorkflow } from '../../temporal/seed-demo-data';
import { seedProgressQuery } from '../../workflows/messages/seed-demo-data';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

const AUTHOR = { authorId: '65a000000000000000000001', authorName: 'Test Admin' };

async function databaseTotals() {
  const [contacts, cases, messages, notes] = await Promise.all([Contact.countDocuments(), Case.countDocuments(), Message.countDocuments(), Note.countDocuments()]);
  return { contacts, cases, messages, notes };
}

describe('SeedDemoDataWorkflow on the real Temporal server and database', () => {
  let env: TestEnv;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    env = await openTestEnv('seed');
  });
  afterAll(async () => {
    await worker?.kill();
    await env.close();
  });

  it('writes exactly the generated contacts, cases, messages and notes, and a rerun adds nothing', async () => {
    worker = await startWorkerProcess(env);
    const first = await startSeedWorkflow(env.temporal, { seed: 7, contacts: 400, taskQueue: env.taskQueue, ...AUTHOR });
    const totals = await first.result();
    expect(totals).toEqual(expectedSeedTotals(400, 4));
    expect(await databaseTotals()).toEqual(totals);
    const sample = await Contact.findOne({ lastName: { $ne: '' } }).lean();
    expect(sample?.sortName).toBeTruthy();
    expect(sample?.phones[0]?.e164).toMatch(/^\+1\d{10}$/);

    // Same seed and size again: every batch finds its rows already there and adds none.
    const again = await startSeedWorkflow(env.temporal, { seed: 7, contacts: 400, taskQueue: env.taskQueue, ...AUTHOR });
    expect(await again.result()).toEqual(totals);
    expect(await databaseTotals()).toEqual(totals);
    await worker.kill();
    worker = undefined;
  });

  it('finishes exactly once when the worker is killed mid-run and started again', async () => {
    await Promise.all([Contact.deleteMany({}), Case.deleteMany({}), Message.deleteMany({}), Note.deleteMany({})]);
    worker = await startWorkerProcess(env);
    const handle = await startSeedWorkflow(env.temporal, { seed: 9, contacts: 3000, taskQueue: env.taskQueue, ...AUTHOR });

    // Wait until some batches are done, then crash the worker without warning.
    for (let i = 0; i < 300; i++) {
      const p = await handle.query(seedProgressQuery).catch(() => undefined);
      if (p && p.done >= 450) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const before = await handle.query(seedProgressQuery);
    expect(before.done).toBeGreaterThan(0);
    expect(before.done).toBeLessThan(3000);
    await worker.kill('SIGKILL');
    const partial = await Contact.countDocuments();
    expect(partial).toBeLessThan(3000);

    worker = await startWorkerProcess(env);
    const totals = await handle.result();
    const expected = expectedSeedTotals(3000, 4);
    expect(await databaseTotals()).toEqual(expected);
    expect(totals).toEqual(expected);
    const describe = await handle.describe();
    expect(describe.status.name).toBe('COMPLETED');
  });
});
