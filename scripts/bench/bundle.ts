import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createContact } from '../../activities/contacts/create-contact';
import { requestBundle } from '../../activities/bundles/request-bundle';
import { storeUploadStream } from '../../activities/documents/store-upload-stream';
import { ensureIndexes } from '../../db/ensure-indexes';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { Bundle, StaffUser, type BundleDoc } from '../../db/models/index';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { startBundleDocuments } from '../../temporal/bundle-documents';
import { connectTemporal } from '../../temporal/connection';
import { buildWorkflowBundle } from '../build-workflow-bundle';
import { captureAccount, connectCapture } from '../capture/connect-capture';
import { dataDir } from '../services/paths';
import { TEST_NAMESPACE } from '../services/index';
import { startWorkerProcess } from '../services/worker-process';
import { buildProduction } from '../build';
import { startBuiltProcess } from '../services/built-process';
import { startBenchWebApp } from './bench-web-app';
import { round } from './stats';
import type { BenchEntry } from './types';

const MB = 1024 * 1024;

/** A bundles worker from the build's output, as the image runs it. */
async function startBuiltBundlesWorker(outDir: string, env: { mongodbUri: string; dbName: string; temporalAddress: string; namespace: string; taskQueue: string; extraEnv: Record<string, string> }) {
  const worker = startBuiltProcess(join(outDir, 'worker.js'), { CASEBOOK_SERVICE: 'bundle-worker', MONGODB_URI: env.mongodbUri, MONGODB_DB: env.dbName, TEMPORAL_ADDRESS: env.temporalAddress, TEMPORAL_NAMESPACE: env.namespace, TEMPORAL_TASK_QUEUE: env.taskQueue, WORKER_ROLE: 'bundles', ...env.extraEnv });
  await worker.waitFor(/worker started/, 60_000);
  return worker;
}

/**
 * The files of the bench: `count` files adding up to about `count` MB, mixed
 * as a client's documents are: a few large scans and videos, many medium
 * PDFs and photos, and text (which deflates). Random bytes, so stored types
 * do not shrink and the figures are the worst case.
 */
function fileMix(count: number): { name: string; size: number; kind: 'pdf' | 'jpeg' | 'text' }[] {
  return Array.from({ length: count }, (_, i) => {
    const size = i % 50 === 0 ? 20 * MB : i % 5 === 0 ? 2 * MB : 300 * 1024 + (i % 7) * 20_000;
    const kind = i % 5 === 3 ? 'text' : i % 3 === 0 ? 'jpeg' : 'pdf';
    return { name: `${kind === 'text' ? 'notes' : kind === 'jpeg' ? 'photo' : 'scan'}-${i % 40}.${kind === 'text' ? 'txt' : kind === 'jpeg' ? 'jpg' : 'pdf'}`, size, kind };
  });
}

function bytesOf(kind: 'pdf' | 'jpeg' | 'text', size: number): Buffer {
  if (kind === 'text') {
    const line = 'The client called about the settlement letter and asked for copies of every filing. ';
    return Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size));
  }
  const head = kind === 'pdf' ? Buffer.from('%PDF-1.7\n') : Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

/**
 * Download All at size: `size` files (about `size` MB) of one contact,
 * bundled by BundleDocumentsWorkflow on a bundles worker process, against a
 * plain copy of the same bytes from storage to storage in the same run; then
 * the zip downloaded over HTTP from the real dashboard app.
 */
export const bundleBench: BenchEntry = {
  name: 'bundle',
  description: 'Download All of 1,000 files (about 1 GB): bundle time and throughput against a plain storage copy, bundles worker memory, HTTP download',
  defaultSize: 1000,
  async run({ size, services, dbName, log }) {
    await mongoose.connect(services.mongodbUri, { dbName });
    await mongoose.connection.db!.dropDatabase();
    await ensureIndexes(await detectDatabaseEngine());
    const storage = createGridFsStorage(mongoose.connection.db!);
    const connection = await connectTemporal(services.temporalAddress);
    const client = new Client({ connection, namespace: TEST_NAMESPACE });
    const web = await startBenchWebApp({ temporal: client, dbName, log });
    const staff = (await StaffUser.findOne({ email: 'bench@casebook.local' }).lean())!;
    const actor = { id: staff._id as Types.ObjectId, name: staff.name };
    const created = await createContact({ input: { firstName: 'Bench', lastName: 'Bundle' }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const contact = created.contact;

    log(`storing ${size} files`);
    const mix = fileMix(size);
    const keys: string[] = [];
    let totalBytes = 0;
    for (const [i, f] of mix.entries()) {
      const stored = await storeUploadStream({ fileName: f.name, stream: Readable.from([bytesOf(f.kind, f.size)]), maxBytes: 64 * MB, owner: { contactId: contact._id }, actor, storage });
      if (!stored.ok) throw new Error(stored.reason);
      keys.push(stored.document.storageKey);
      totalBytes += f.size;
      if ((i + 1) % 100 === 0) log(`  ${i + 1} / ${size} stored`);
    }

    // The baseline: the same bytes read from storage and written back, file by file, in this process.
    log('plain copy, storage to storage');
    let started = performance.now();
    const copies: string[] = [];
    for (const key of keys) {
      const { stream } = await storage.get(key);
      copies.push((await storage.put(stream, { filename: 'copy', contentType: 'application/octet-stream' })).key);
    }
    const copySeconds = (performance.now() - started) / 1000;
    for (const key of copies) await storage.delete(key);

    const account = captureAccount(`bench-bundle-${Date.now()}`);
    const providerEnv = await connectCapture({ captureUrl: services.captureUrl, account, webhookBaseUrl: 'http://127.0.0.1:9' });
    const bundlePath = await buildWorkflowBundle(join(dataDir, 'bench', 'workflow-bundle.js'));
    const taskQueue = `bench-bundle-${Date.now()}`;
    const workerEnv = { mongodbUri: services.mongodbUri, dbName, temporalAddress: services.temporalAddress, namespace: TEST_NAMESPACE, taskQueue, bundlePath, extraEnv: { ...providerEnv, PUBLIC_URL: web.url } };
    // The bundles worker as the image runs it (the build's output under plain node): its memory is the production figure.
    const built = await buildProduction(join(dataDir, 'bench', 'dist-bundle'));
    const [general, bundles] = await Promise.all([startWorkerProcess({ ...workerEnv, role: 'general' }), startBuiltBundlesWorker(built.outDir, workerEnv)]);
    try {
      const idleRss = bundles.peakRssBytes();
      log('bundling');
      started = performance.now();
      const asked = await requestBundle({ scope: { kind: 'contact', contact }, actor, lifetimeMs: 3_600_000 });
      if (!asked.ok) throw new Error(asked.reason);
      await startBundleDocuments(client, { bundleId: String(asked.bundleId), taskQueue, actorId: String(actor.id), scope: 'contact' });
      let bundle: BundleDoc | null = null;
      for (;;) {
        bundle = await Bundle.findById(asked.bundleId).lean<BundleDoc>();
        if (bundle?.status !== 'preparing') break;
        log(`  ${bundle.progress?.filesDone ?? 0} / ${size} files`);
        await new Promise((r) => setTimeout(r, 2000));
      }
      const bundleSeconds = (performance.now() - started) / 1000;
      if (bundle?.status !== 'ready') throw new Error(`bundle ended ${bundle?.status}: ${bundle?.statusReason}`);
      const peakRss = bundles.peakRssBytes();

      log('downloading over HTTP');
      started = performance.now();
      const res = await fetch(`${web.url}/bundles/${asked.bundleId}/download`, { headers: { Cookie: web.cookie } });
      let downloaded = 0;
      const reader = res.body!.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) downloaded += part.value.length;
      const downloadSeconds = (performance.now() - started) / 1000;
      if (downloaded !== bundle.size) throw new Error(`downloaded ${downloaded} bytes of ${bundle.size}`);

      const mbps = (bytes: number, s: number) => round(bytes / MB / s, 1);
      return [
        { metric: `files bundled (${round(totalBytes / MB / 1024, 2)} GB of documents)`, value: size, unit: 'files' },
        { metric: 'bundle time (asked -> ready)', value: round(bundleSeconds, 1), unit: 's' },
        { metric: 'bundle throughput', value: mbps(totalBytes, bundleSeconds), unit: 'MB/s' },
        { metric: 'plain copy storage -> storage, same bytes', value: mbps(totalBytes, copySeconds), unit: 'MB/s' },
        { metric: 'bundle / plain copy (goal >= 0.7)', value: round(copySeconds / bundleSeconds, 2), unit: 'ratio' },
        { metric: 'zip size', value: round(bundle.size! / MB, 1), unit: 'MB' },
        { metric: 'bundles worker peak memory (RSS, built JS as in the image; goal < 150 MB)', value: round(peakRss / MB, 0), unit: 'MB' },
        { metric: 'bundles worker memory before the bundle (RSS)', value: round(idleRss / MB, 0), unit: 'MB' },
        { metric: 'download over HTTP', value: mbps(downloaded, downloadSeconds), unit: 'MB/s' },
      ];
    } finally {
      bundles.child.kill('SIGTERM');
      await Promise.all([general.kill(), bundles.exited()]);
      await web.close();
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
