import { estimatedCount } from '../../db/estimated-count';
import { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import { connectDatabase } from '../../db/connection';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { ensureIndexes } from '../../db/ensure-indexes';
import { encodeListCursor } from '../../domain/contacts/contact-list-cursor';
import { startSeedWorkflow } from '../../temporal/seed-demo-data';
import { connectTemporal } from '../../temporal/connection';
import { devTools } from '../../config/dev-tools';
import { TEST_NAMESPACE } from '../services/index';
import { startBenchWebApp } from './bench-web-app';
import { ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { logger } from '../../logging/logger';
import { dataDir } from '../services/paths';
import { startBenchWorker } from './in-process-worker';
import { startWebProcess } from '../services/web-process';
import { percentile, round } from './stats';
import type { BenchEntry, BenchMeasurement } from './types';

const SAMPLES = 60;

/** The in-memory index (FerretDB): first build, a restart's load of the snapshot, and the memory it holds. */
async function measureIndex(app: Awaited<ReturnType<typeof startBenchWebApp>>, dbName: string, log: (m: string) => void): Promise<BenchMeasurement[]> {
  if (!app.contactIndex || app.indexReadySeconds === undefined) return [];
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const rssMb = process.memoryUsage().rss / 1e6;
  const restart = new ContactListIndexService({ dataDir, dbName, log: logger });
  const started = performance.now();
  await restart.start();
  const loadSeconds = (performance.now() - started) / 1000;
  log(`a second index loaded the snapshot of ${restart.size} rows in ${loadSeconds.toFixed(1)}s`);
  return [
    { metric: `index first build (from the ${app.contactIndex.lastBuild?.from ?? 'snapshot'}), until ready`, value: round(app.indexReadySeconds, 1), unit: 's' },
    { metric: 'index load from its snapshot (a restart)', value: round(loadSeconds, 1), unit: 's' },
    { metric: `heap with the index${gc ? '' : ' (no --expose-gc: before GC)'}`, value: round(heapMb), unit: 'MB' },
    { metric: 'process RSS with the index', value: round(rssMb), unit: 'MB' },
  ];
}
/**
 * The real web server (server.ts in a process of its own, as production
 * runs it) started on this database with the snapshot saved: how long until
 * it listens with its list index loaded, and its peak and current memory
 * from the kernel. The in-process figures above include the bench itself.
 */
async function measureWebProcess(services: { mongodbUri: string; temporalAddress: string }, dbName: string): Promise<BenchMeasurement[]> {
  const started = performance.now();
  const web = await startWebProcess({ MONGODB_URI: services.mongodbUri, MONGODB_DB: dbName, TEMPORAL_ADDRESS: services.temporalAddress, TEMPORAL_NAMESPACE: TEST_NAMESPACE, CONTACT_LIST_INDEX: 'memory' });
  try {
    const seconds = (performance.now() - started) / 1000;
    if (!/contact list index loaded from snapshot/.test(web.output())) throw new Error(`the web server did not load the list index snapshot:\n${web.output().slice(-2000)}`);
    const { peakRss, rss } = web.memory();
    return [
      { metric: 'web server process: start to listening, snapshot loaded', value: round(seconds, 1), unit: 's' },
      { metric: 'web server process: peak RSS with the index (VmHWM; goal < 1 GB)', value: round(peakRss / 1e6), unit: 'MB' },
      { metric: 'web server process: RSS with the index, listening', value: round(rss / 1e6), unit: 'MB' },
    ];
  } finally {
    await web.kill();
  }
}

const CONCURRENCY = 10;
const LOAD_SECONDS = 8;

/** Server time from the Server-Timing header the app sets on every response. */
async function timedGet(url: string, cookie: string): Promise<{ ms: number; bytes: number; status: number }> {
  const res = await fetch(url, { headers: { Cookie: cookie, 'Accept-Encoding': 'identity' } });
  const body = await res.arrayBuffer();
  const match = /total;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return { ms: match ? Number(match[1]) : NaN, bytes: body.byteLength, status: res.status };
}

/**
 * The contacts page at N contacts: first page, a deep page, App Status
 * filter, and a name search; median and p95 server time, then requests per
 * second with 10 concurrent clients. Also the page weight of /contacts.
 */
export const contactsListBench: BenchEntry = {
  name: 'contacts-list',
  description: 'Contacts page at N contacts: server time (median, p95) and req/s at 10 clients',
  defaultSize: 10_000,
  async run({ size, services, log }) {
    const dbName = size >= 1_000_000 && devTools.BENCH_LIST_DB ? devTools.BENCH_LIST_DB : `casebook_bench_list_${size}`;
    await connectDatabase(services.mongodbUri, dbName);
    await ensureIndexes(await detectDatabaseEngine());
    const connection = await connectTemporal(services.temporalAddress);
    const temporal = new Client({ connection, namespace: TEST_NAMESPACE });
    try {
      const have = await estimatedCount('contacts');
      if (have < size) {
        log(`database ${dbName} has ${have} contacts; seeding ${size} through the seeding workflow (once; later runs reuse it)`);
        await mongoose.connection.db!.dropDatabase();
        await ensureIndexes(await detectDatabaseEngine());
        const taskQueue = `bench-list-${Date.now()}`;
        const worker = await startBenchWorker(services.temporalAddress, TEST_NAMESPACE, taskQueue);
        try {
          const handle = await startSeedWorkflow(temporal, { seed: 11, contacts: size, taskQueue, authorId: '65a000000000000000000001', authorName: 'Bench', batchSize: 2000, messagesPerContact: 1 });
          await handle.result();
        } finally {
          await worker.stop();
        }
      }
      const app = await startBenchWebApp({ temporal, dbName, log, freshIndex: true });
      const index = await measureIndex(app, dbName, log);
      if (app.contactIndex) {
        await app.contactIndex.settled(); // its snapshot written
        index.push(...(await measureWebProcess(services, dbName)));
      }
      try {
        // Names from "m" on: a page about half-way down the alphabet, as a deep page is.
        const deepCursor = encodeListCursor('m', '000000000000000000000000');
        const scenarios: [string, string][] = [
          ['first page', '/contacts'],
          ['deep page', `/contacts?after=${deepCursor}`],
          ['App Status filter', '/contacts?appStatus=installed'],
          ['name search', '/contacts?q=smi'],
        ];
        const out: BenchMeasurement[] = [];
        for (const [name, path] of scenarios) {
          for (let i = 0; i < 3; i++) await timedGet(app.url + path, app.cookie); // warm-up
          const samples: number[] = [];
          const deadline = Date.now() + 120_000; // bounded even on a slow engine
          while (samples.length < SAMPLES && (samples.length < 3 || Date.now() < deadline)) {
            const r = await timedGet(app.url + path, app.cookie);
            if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
            samples.push(r.ms);
          }
          out.push({ metric: `${name} median`, value: round(percentile(samples, 50), 2), unit: 'ms' });
          out.push({ metric: `${name} p95`, value: round(percentile(samples, 95), 2), unit: 'ms' });
        }
        let done = 0;
        const until = Date.now() + LOAD_SECONDS * 1000;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, k) => {
            for (let i = k; Date.now() < until; i++) {
              await timedGet(app.url + scenarios[i % scenarios.length]![1], app.cookie);
              done++;
            }
          }),
        );
        out.push({ metric: `requests/s, ${CONCURRENCY} clients, mixed`, value: round(done / LOAD_SECONDS), unit: 'req/s' });
        const page = await timedGet(`${app.url}/contacts`, app.cookie);
        let weight = page.bytes;
        for (const asset of ['htmx.min.js', 'app.css', 'app.js']) weight += (await timedGet(`${app.url}/assets/${asset}`, app.cookie)).bytes;
        out.push({ metric: 'page weight /contacts (uncompressed, with assets)', value: round(weight / 1024), unit: 'KB' });
        out.push({ metric: `served from (${app.engine})`, value: (await fetch(`${app.url}/contacts`, { headers: { Cookie: app.cookie } })).headers.get('x-contact-list-source') === 'memory' ? 1 : 0, unit: '1=memory index, 0=database' });
        return [...index, ...out];
      } finally {
        await app.close();
      }
    } finally {
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
