import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { createReadStream, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../../db/connection';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { ensureIndexes } from '../../db/ensure-indexes';
import { createImportJob, loadImportJob } from '../../db/imports/import-jobs';
import { importJobCollection } from '../../db/models/index';
import { buildContactRecord } from '../../domain/contacts/build-contact-record';
import { importFileRow } from '../../domain/demo-data/generate-import-file-rows';
import { suggestColumnMapping } from '../../domain/imports/suggest-column-mapping';
import { analyzeImportFile } from '../../activities/imports/files/analyze-import-file';
import { checkXlsxArchive } from '../../activities/imports/files/check-xlsx-archive';
import { importPassResult, startImportWorkflow } from '../../temporal/import-contacts';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { connectTemporal } from '../../temporal/connection';
import { startWorkerProcess } from '../services/worker-process';
import { insertExistingContacts, writeImportCsv, writeImportXlsx } from '../fixtures/import-fixture';
import { buildWorkflowBundle } from '../build-workflow-bundle';
import { TEST_NAMESPACE } from '../services/index';
import { dataDir } from '../services/paths';
import { round } from './stats';
import type { BenchContext, BenchEntry, BenchMeasurement } from './types';

const MB = 1024 * 1024;

/** CSV import, policy Merge, into a database already holding `size` contacts; about 10% of the rows are their duplicates. */
export const importBench: BenchEntry = {
  name: 'import',
  description: 'ImportContactsWorkflow: CSV, policy Merge, into a database of as many contacts (10% duplicates); vs a plain bulk insert',
  defaultSize: 20_000,
  run: (ctx) => runImportBench(ctx, { format: 'csv', existing: ctx.size }),
};

/** An .xlsx of `size` rows, streamed, into a database of a tenth as many contacts. */
export const xlsxImportBench: BenchEntry = {
  name: 'xlsx-import',
  description: 'ImportContactsWorkflow from an .xlsx workbook, policy Merge',
  defaultSize: 10_000,
  run: (ctx) => runImportBench(ctx, { format: 'xlsx', existing: Math.round(ctx.size / 10) }),
};

async function runImportBench({ size, services, dbName, log }: BenchContext, o: { format: 'csv' | 'xlsx'; existing: number }): Promise<BenchMeasurement[]> {
  await connectDatabase(services.mongodbUri, dbName);
  await mongoose.connection.db!.dropDatabase();
  await ensureIndexes(await detectDatabaseEngine());
  let t = performance.now();
  await insertExistingContacts(o.existing, { onBatch: (n) => n % 100_000 === 0 && log(`existing contacts: ${n}`) });
  log(`${o.existing} existing contacts inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const path = join(tmpdir(), `casebook-bench-import-${size}.${o.format}`);
  if (o.format === 'csv') await writeImportCsv(path, size, o.existing);
  else await writeImportXlsx(path, size, o.existing);
  const fileBytes = readFileSync(path).length;

  // The baseline: the same rows as contacts, bulk-inserted into the same database (a collection of
  // their own, dropped after: deleting them one by one from the contacts would cost more than the insert).
  const baseline = mongoose.connection.db!.collection('bench_bulk_insert_baseline');
  t = performance.now();
  for (let j = 0; j < size; j += 2000) {
    const docs = [];
    for (let k = j; k < Math.min(size, j + 2000); k++) {
      const [firstName, lastName, email, phone, dob, street, city, state, zip] = importFileRow(k, o.existing).values as string[];
      const { record } = buildContactRecord({ firstName, lastName, emails: [{ address: email! }], phones: [{ raw: phone! }], dateOfBirth: dob, address: { street, city, region: state, postcode: zip } }, 'US');
      docs.push({ _id: new Types.ObjectId(), ...record, createdAt: new Date(), updatedAt: new Date() });
    }
    await baseline.insertMany(docs, { ordered: false });
  }
  const baselineSeconds = (performance.now() - t) / 1000;
  await baseline.drop();
  log(`baseline bulk insert of ${size} rows: ${baselineSeconds.toFixed(1)} s`);

  const storage = createGridFsStorage(mongoose.connection.db!);
  const head = readFileSync(path).subarray(0, 64 * 1024);
  if (o.format === 'xlsx') await checkXlsxArchive(path);
  const analysis = await analyzeImportFile({ head, open: async () => createReadStream(path) });
  const stored = await storage.put(createReadStream(path), { filename: `bench.${o.format}`, contentType: 'text/csv' });
  const importId = await createImportJob({ fileName: `bench.${o.format}`, fileKey: stored.key, size: stored.size, analysis, mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), actor: { id: new Types.ObjectId(), name: 'Bench' }, dateOrder: 'mdy' });
  await importJobCollection.updateOne({ _id: importId }, { $set: { policy: 'merge' } });
  await rm(path);

  const connection = await connectTemporal(services.temporalAddress);
  const client = new Client({ connection, namespace: TEST_NAMESPACE });
  const taskQueue = `bench-import-${Date.now()}`;
  const bundlePath = await buildWorkflowBundle(join(dataDir, 'bench', 'workflow-bundle.js'));
  // As deployed: the workflows on a general worker, the import activities on an imports worker
  // (workflows/task-queues.ts). Each pass gets a fresh imports worker, so its peak memory is its own.
  const workerEnv = { mongodbUri: services.mongodbUri, dbName, temporalAddress: services.temporalAddress, namespace: TEST_NAMESPACE, taskQueue, bundlePath };
  const general = await startWorkerProcess({ ...workerEnv, role: 'general' });
  const startWorker = () => startWorkerProcess({ ...workerEnv, role: 'imports' });
  let worker = await startWorker();
  try {
    const idle = worker.peakRssBytes();
    t = performance.now();
    const dry = await importPassResult(client, await startImportWorkflow(client, { importId, kind: 'dry-run', taskQueue, actorId: 'bench', fileName: 'bench' }));
    const drySeconds = (performance.now() - t) / 1000;
    const dryPeak = worker.peakRssBytes();
    log(`dry run: ${JSON.stringify(dry)} in ${drySeconds.toFixed(1)} s`);
    await worker.kill();
    worker = await startWorker();
    t = performance.now();
    const result = await importPassResult(client, await startImportWorkflow(client, { importId, kind: 'run', taskQueue, actorId: 'bench', fileName: 'bench' }));
    const seconds = (performance.now() - t) / 1000;
    log(`import: ${JSON.stringify(result)} in ${seconds.toFixed(1)} s`);
    const job = await loadImportJob(importId);
    const peak = worker.peakRssBytes();
    const c = result.counts;
    return [
      { metric: `${o.format} file size`, value: round(fileBytes / MB, 1), unit: 'MB' },
      { metric: 'import rows per second (end to end)', value: round(size / seconds), unit: 'rows/s' },
      { metric: 'import wall time', value: round(seconds, 1), unit: 's' },
      ...(o.format === 'csv' ? [
        { metric: 'plain bulk insert of the same rows', value: round(size / baselineSeconds), unit: 'rows/s' },
        { metric: 'ratio import / bulk insert', value: round(baselineSeconds / seconds, 3), unit: 'x' },
      ] : []),
      { metric: 'imports worker peak memory (VmHWM)', value: round(peak / MB), unit: 'MB' },
      { metric: 'dry run rows per second', value: round(size / drySeconds), unit: 'rows/s' },
      { metric: 'dry run imports worker peak memory (VmHWM)', value: round(dryPeak / MB), unit: 'MB' },
      { metric: 'idle imports worker memory (before the dry run)', value: round(idle / MB), unit: 'MB' },
      { metric: 'rows created / merged / skipped / failed', value: c.created, unit: `/ ${c.merged} / ${c.skipped} / ${c.failed}` },
      { metric: 'totals equal the row count', value: Object.values(c as Record<string, number>).reduce((a, b) => a + b, 0) === size && job?.run?.rowsDone === size ? 1 : 0, unit: 'yes=1' },
    ];
  } finally {
    await worker.kill();
    await general.kill();
    await connection.close();
    await mongoose.disconnect();
  }
}
