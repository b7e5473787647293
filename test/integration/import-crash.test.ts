import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devTools } from '../../config/dev-tools';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { readLedger } from '../../db/imports/import-ledger';
import { Contact, ImportJob } from '../../db/models/index';
import { startImportWorkflow } from '../../temporal/import-contacts';
import { insertExistingContacts, writeImportCsv } from '../../scripts/fixtures/import-fixture';
import { importJobFromFile } from '../support/import-from-file';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

// The size; CASEBOOK_IMPORT_CRASH_ROWS makes it smaller for a quick local run.
const ROWS = devTools.CASEBOOK_IMPORT_CRASH_ROWS;
const EXISTING = 20_000;
const IMPORT_ID = '6a0000000000000000000001';

/** The whole outcome of an import: every contact (without its timestamps) and every ledger batch, as digests. */
async function outcome() {
  const contacts = createHash('sha256');
  const docs = await Contact.collection.find({}, { projection: { createdAt: 0, updatedAt: 0 } }).toArray();
  docs.sort((a, b) => String(a._id).localeCompare(String(b._id)));
  for (const d of docs) contacts.update(JSON.stringify(d));
  const ledger = createHash('sha256');
  let batches = 0;
  for await (const b of readLedger(IMPORT_ID)) {
    ledger.update(`${b._id}|${b.state}|${b.entries}`);
    batches++;
  }
  return { contacts: contacts.digest('hex'), count: docs.length, ledger: ledger.digest('hex'), batches };
}

describe('an import survives its worker being killed', () => {
  let env: TestEnv;
  let worker: WorkerProcess;
  const file = join(tmpdir(), `casebook-import-crash-${process.pid}.csv`);

  const freshDatabase = async () => {
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    await insertExistingContacts(EXISTING);
    return importJobFromFile(file, { policy: 'merge', id: IMPORT_ID });
  };
  const start = () => startImportWorkflow(env.temporal, { importId: IMPORT_ID, kind: 'run', taskQueue: env.taskQueue, actorId: 'test', fileName: 'crash.csv' });
  const rowsDone = async () => ((await ImportJob.collection.findOne({ _id: IMPORT_ID } as never))?.run?.rowsDone as number | undefined) ?? 0;

  beforeAll(async () => {
    env = await openTestEnv('import-crash');
    await writeImportCsv(file, ROWS, EXISTING);
    worker = await startWorkerProcess(env);
  });
  afterAll(async () => {
    await worker?.kill();
    await env.close();
  });

  it(`SIGKILL three times during a ${ROWS.toLocaleString('en-US')}-row import gives the same contacts and ledger as an uninterrupted import`, async () => {
    await freshDatabase();
    const uninterrupted = await env.temporal.workflow.getHandle(await start()).result();
    expect(uninterrupted.rows).toBe(ROWS);
    const expected = await outcome();
    // Workflow ids are reused by the second import of the same id: a new run of the same workflow id is allowed once the first closed.
    await freshDatabase();
    const handle = env.temporal.workflow.getHandle(await start());
    for (const share of [0.2, 0.45, 0.7]) {
      while ((await rowsDone()) < ROWS * share) await new Promise((r) => setTimeout(r, 200));
      await worker.kill('SIGKILL');
      worker = await startWorkerProcess(env);
    }
    const resumed = await handle.result();
    expect(resumed.counts).toEqual(uninterrupted.counts);
    const actual = await outcome();
    expect(actual).toEqual(expected);
    expect(actual.count).toBe(EXISTING + uninterrupted.counts.created); // nothing created twice
  }, 30 * 60_000);
});
