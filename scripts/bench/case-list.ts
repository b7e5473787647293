import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { CaseListIndexService } from '../../activities/cases/case-list-index';
import { connectDatabase } from '../../db/connection';
import { insertDemoRecords, type DemoCase } from '../../db/demo-data/demo-records';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { ensureIndexes } from '../../db/ensure-indexes';
import { estimatedCount } from '../../db/estimated-count';
import { Case } from '../../db/models/index';
import { generateDemoCase } from '../../domain/demo-data/generate-demo-activity';
import { logger } from '../../logging/logger';
import { connectTemporal } from '../../temporal/connection';
import { TEST_NAMESPACE } from '../services/index';
import { dataDir } from '../services/paths';
import { startBenchWebApp } from './bench-web-app';
import { percentile, round } from './stats';
import type { BenchEntry, BenchMeasurement } from './types';

const BATCH = 2000;
const SAMPLES = 60;
const CONCURRENCY = 10;
const LOAD_SECONDS = 8;
// The old list's full scans take a minute each at 250,000 cases: one sample says enough there.
const baselineSamples = (size: number) => (size > 50_000 ? 1 : 3);

/** Writes N cases as the seed does (their rows in the case change log), 2,000 at a time. */
async function seedCases(size: number, log: (m: string) => void): Promise<void> {
  for (let from = 0; from < size; from += BATCH) {
    const cases: DemoCase[] = [];
    for (let k = from; k < Math.min(size, from + BATCH); k++) {
      const g = generateDemoCase(17, k, size * 4);
      cases.push({ _id: new Types.ObjectId(g.id), number: g.number, title: g.title, status: g.status, practiceArea: g.practiceArea, contacts: g.links.map((l) => ({ contactId: new Types.ObjectId(), role: l.role, linkedAt: new Date() })) });
    }
    await insertDemoRecords({ contacts: [], cases, messages: [], notes: [], linkLists: [], onKind: () => undefined });
    if ((from / BATCH) % 25 === 0) log(`  ${from + cases.length} cases written`);
  }
}

/** The case list as it was before its index: the database sorts, skips and counts with an unanchored title regex (a scan on FerretDB). */
async function oldListCases(o: { status?: string; q?: string; page: number }): Promise<number> {
  const filter: Record<string, unknown> = {};
  if (o.status) filter.status = o.status;
  if (o.q) filter.$or = [{ number: { $regex: `^${o.q.replace(/[^\w-]/g, '')}` } }, { title: { $regex: o.q, $options: 'i' } }];
  const started = performance.now();
  await Promise.all([Case.find(filter).sort({ number: -1 }).skip((o.page - 1) * 50).limit(50).lean(), Case.countDocuments(filter)]);
  return performance.now() - started;
}

async function timedGet(url: string, cookie: string): Promise<{ ms: number; status: number; source: string | null }> {
  const res = await fetch(url, { headers: { Cookie: cookie, 'Accept-Encoding': 'identity' } });
  await res.arrayBuffer();
  const match = /total;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
  return { ms: match ? Number(match[1]) : NaN, status: res.status, source: res.headers.get('x-case-list-source') };
}

/**
 * The case list at N cases (the size is 250,000): the in-memory
 * index's first build and a restart's load of its snapshot, then server time
 * of /cases (first page, a deep page, a status filter, a number search, a
 * title search) with requests per second at 10 clients, beside the same
 * views through the old database query in the same run.
 */
export const caseListBench: BenchEntry = {
  name: 'case-list',
  description: 'Case list at N cases: index build and load, server time (median, p95), req/s, against the old scan',
  defaultSize: 25_000,
  async run({ size, services, log }) {
    const dbName = `casebook_bench_cases_${size}`;
    await connectDatabase(services.mongodbUri, dbName);
    await ensureIndexes(await detectDatabaseEngine());
    const connection = await connectTemporal(services.temporalAddress);
    const temporal = new Client({ connection, namespace: TEST_NAMESPACE });
    try {
      if ((await estimatedCount('cases')) < size) {
        log(`database ${dbName}: writing ${size} cases (once; later runs reuse them)`);
        await mongoose.connection.db!.dropDatabase();
        await ensureIndexes(await detectDatabaseEngine());
        await seedCases(size, log);
      }
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const app = await startBenchWebApp({ temporal, dbName, log, freshIndex: true, caseIndex: true });
      const out: BenchMeasurement[] = [];
      try {
        if (app.caseIndex) {
          gc?.();
          out.push({ metric: `index first build (from the ${app.caseIndex.lastBuild?.from}), until ready`, value: round(app.caseIndexReadySeconds!, 1), unit: 's' });
          out.push({ metric: `heap held by the index${gc ? '' : ' (no --expose-gc)'}`, value: round((process.memoryUsage().heapUsed - heapBefore) / 1e6), unit: 'MB' });
          const restart = new CaseListIndexService({ dataDir, dbName, log: logger });
          await restart.start();
          out.push({ metric: 'index load from its snapshot (a restart)', value: round(restart.lastBuild!.seconds, 2), unit: 's' });
        }
        const deepPage = Math.max(1, Math.floor(size / 50 / 2));
        const scenarios: [string, { status?: string; q?: string; page: number }][] = [
          ['first page', { page: 1 }],
          [`deep page (${deepPage})`, { page: deepPage }],
          ['status filter (closed)', { status: 'closed', page: 1 }],
          ['number search (2025-0001)', { q: '2025-0001', page: 1 }],
          ['title search (est)', { q: 'est', page: 1 }],
        ];
        const path = (s: { status?: string; q?: string; page: number }) => `/cases?${new URLSearchParams({ ...(s.status ? { status: s.status } : {}), ...(s.q ? { q: s.q } : {}), page: String(s.page) })}`;
        for (const [name, s] of scenarios) {
          for (let i = 0; i < 3; i++) await timedGet(app.url + path(s), app.cookie); // warm-up
          const samples: number[] = [];
          for (let i = 0; i < SAMPLES; i++) {
            const r = await timedGet(app.url + path(s), app.cookie);
            if (r.status !== 200) throw new Error(`${path(s)} answered ${r.status}`);
            samples.push(r.ms);
          }
          const before: number[] = [];
          for (let i = 0; i < baselineSamples(size); i++) before.push(await oldListCases(s));
          out.push({ metric: `${name} median / p95`, value: round(percentile(samples, 50), 2), unit: `ms (p95 ${round(percentile(samples, 95), 2)})` });
          out.push({ metric: `${name}, old database query, median`, value: round(percentile(before, 50), 1), unit: 'ms' });
        }
        let done = 0;
        const until = Date.now() + LOAD_SECONDS * 1000;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async (_, k) => {
            for (let i = k; Date.now() < until; i++) {
              await timedGet(app.url + path(scenarios[i % scenarios.length]![1]), app.cookie);
              done++;
            }
          }),
        );
        out.push({ metric: `requests/s, ${CONCURRENCY} clients, mixed`, value: round(done / LOAD_SECONDS), unit: 'req/s' });
        out.push({ metric: `served from (${app.engine})`, value: (await timedGet(`${app.url}/cases`, app.cookie)).source === 'memory' ? 1 : 0, unit: '1=memory index, 0=database' });
        return out;
      } finally {
        await app.close();
      }
    } finally {
      await connection.close();
      await mongoose.disconnect();
    }
  },
};
