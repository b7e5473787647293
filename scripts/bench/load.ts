// `load` and `load-fault` (issue #15, part 4): ten staff clients browse the contacts list, search, open profiles
// and add notes against the real web server process while an import of as many rows and a full duplicate sweep run
// on real worker processes; `load-fault` also kills the database server for 10 s in the middle. Reported: requests/s,
// p50/p95/p99 per route as the clients saw them, errors, and whether every workflow finished with nothing lost.
import { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { createReadStream, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImportFile } from '../../activities/imports/files/analyze-import-file';
import { connectDatabase } from '../../db/connection';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { ensureIndexes } from '../../db/ensure-indexes';
import { createImportJob } from '../../db/imports/import-jobs';
import { Contact, importJobCollection, Note } from '../../db/models/index';
import { importPerson } from '../../domain/demo-data/generate-import-file-rows';
import { suggestColumnMapping } from '../../domain/imports/suggest-column-mapping';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { connectTemporal } from '../../temporal/connection';
import { startDedupeSweep } from '../../temporal/dedupe-sweep';
import { importPassResult, startImportWorkflow } from '../../temporal/import-contacts';
import { buildWorkflowBundle } from '../build-workflow-bundle';
import { insertExistingContacts, writeImportCsv } from '../fixtures/import-fixture';
import { TEST_NAMESPACE, type Services } from '../services/index';
import { dataDir } from '../services/paths';
import { startWebProcess } from '../services/web-process';
import { startWorkerProcess } from '../services/worker-process';
import { percentile, round } from './stats';
import type { BenchEntry, BenchMeasurement } from './types';

const CLIENTS = 10;
const ROUTES = ['list', 'search', 'profile', 'add note'] as const;
type Route = (typeof ROUTES)[number];
const ADMIN = { email: 'load@casebook.local', password: 'load-bench-password' };

export type LoadOptions = { contacts: number; importRows: number; seconds: number; dbName: string; services: Services; log: (m: string) => void; fault?: { afterSeconds: number; downSeconds: number } };
export type RouteFigures = { requests: number; errors: number; p50: number; p95: number; p99: number; max: number; /** The server's own time (Server-Timing total), without queueing before it or the network. */ serverP95: number; /** p95 of each timed part of it (Server-Timing: session, list, …). */ phasesP95: Record<string, number> };
export type LoadReport = {
  seconds: number;
  requestsPerSecond: number;
  routes: Record<Route, RouteFigures>;
  errors: number;
  /** What users saw that was not a page: status codes and network errors, counted. */
  failures: Record<string, number>;
  /** Whether every error answer was the friendly error page (never a stack trace). */
  errorPagesClear: boolean;
  import: { finished: boolean; rows: number; accounted: number; seconds: number };
  /** The sweep started with `contactsBefore` contacts stored; reading fewer would be contacts lost to it. */
  sweep: { finished: boolean; contactsRead: number; contactsBefore: number; seconds: number };
  /** Notes the server said it saved (303), and how many the database holds afterwards. */
  notes: { acknowledged: number; stored: number };
  fault?: { downSeconds: number; requestsDuringOutage: number; slowestDuringOutageMs: number };
};

/** One client: a staff member's session, clicking through the dashboard as fast as the server answers. */
async function client(o: { url: string; cookie: string; csrf: string; ids: string[]; searches: string[]; until: number; seed: number; record: (route: Route, ms: number, outcome: string, body?: string, serverTiming?: Map<string, number>) => void }) {
  let i = o.seed;
  while (Date.now() < o.until) {
    i++;
    const route: Route = i % 10 === 0 ? 'add note' : ROUTES[i % 3]!;
    const id = o.ids[(i * 7919) % o.ids.length]!;
    const started = performance.now();
    try {
      const res =
        route === 'list' ? await fetch(`${o.url}/contacts`, { headers: { Cookie: o.cookie } })
        : route === 'search' ? await fetch(`${o.url}/contacts?q=${encodeURIComponent(o.searches[i % o.searches.length]!)}`, { headers: { Cookie: o.cookie, 'HX-Request': 'true' } })
        : route === 'profile' ? await fetch(`${o.url}/contacts/${id}`, { headers: { Cookie: o.cookie } })
        : await fetch(`${o.url}/contacts/${id}/notes`, { method: 'POST', redirect: 'manual', headers: { Cookie: o.cookie, Origin: o.url, 'X-CSRF-Token': o.csrf }, body: new URLSearchParams({ html: `<p>Called the client (load test ${i})</p>` }) });
      const body = await res.text();
      const ok = res.status === 200 || res.status === 303;
      o.record(route, performance.now() - started, ok ? 'ok' : String(res.status), ok ? undefined : body, parseServerTiming(res.headers.get('Server-Timing')));
    } catch (err) {
      o.record(route, performance.now() - started, `network: ${(err as Error).message}`);
    }
  }
}

/** `total;dur=12.3, session;dur=4.5` → {total: 12.3, session: 4.5}. */
function parseServerTiming(header: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of (header ?? '').matchAll(/([\w-]+);dur=([\d.]+)/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

async function logIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: url }, body: new URLSearchParams(ADMIN) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`load client could not log in (${res.status})`);
  const page = await (await fetch(`${url}/contacts`, { headers: { Cookie: cookie } })).text();
  return { cookie, csrf: /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]! };
}

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  await connectDatabase(o.services.mongodbUri, o.dbName);
  await mongoose.connection.db!.dropDatabase();
  await ensureIndexes(await detectDatabaseEngine());
  o.log(`inserting ${o.contacts} contacts`);
  await insertExistingContacts(o.contacts);
  const ids = (await Contact.find({}, { _id: 1 }).limit(2000).lean()).map((c) => String(c._id));
  const searches = [...new Set(Array.from({ length: 50 }, (_, k) => importPerson(k * 37).lastName.slice(0, 3).toLowerCase()))];

  // The import's file, prepared as the upload step would (about 10% of its rows are duplicates of existing contacts).
  const path = join(tmpdir(), `casebook-load-import-${o.importRows}.csv`);
  await writeImportCsv(path, o.importRows, o.contacts, 7);
  const storage = createGridFsStorage(mongoose.connection.db!);
  const analysis = await analyzeImportFile({ head: readFileSync(path).subarray(0, 64 * 1024), open: async () => createReadStream(path) });
  const stored = await storage.put(createReadStream(path), { filename: 'load.csv', contentType: 'text/csv' });
  const importId = await createImportJob({ fileName: 'load.csv', fileKey: stored.key, size: stored.size, analysis, mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), actor: { id: new Types.ObjectId(), name: 'Load' }, dateOrder: 'mdy' });
  await importJobCollection.updateOne({ _id: importId }, { $set: { policy: 'merge' } });
  await rm(path);

  const connection = await connectTemporal(o.services.temporalAddress);
  const temporal = new Client({ connection, namespace: TEST_NAMESPACE });
  const taskQueue = `load-${Date.now()}`;
  const bundlePath = await buildWorkflowBundle(join(dataDir, 'bench', 'workflow-bundle.js'));
  const workerEnv = { mongodbUri: o.services.mongodbUri, dbName: o.dbName, temporalAddress: o.services.temporalAddress, namespace: TEST_NAMESPACE, taskQueue, bundlePath };
  const workers = [await startWorkerProcess({ ...workerEnv, role: 'general' }), await startWorkerProcess({ ...workerEnv, role: 'imports' })];
  const web = await startWebProcess({ MONGODB_URI: o.services.mongodbUri, MONGODB_DB: o.dbName, TEMPORAL_ADDRESS: o.services.temporalAddress, TEMPORAL_NAMESPACE: TEST_NAMESPACE, TEMPORAL_TASK_QUEUE: taskQueue, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
  try {
    if ((await detectDatabaseEngine()) === 'ferretdb') await web.waitFor(/contact list index (built|loaded)/, 120_000);
    const sessions = await Promise.all(Array.from({ length: CLIENTS }, () => logIn(web.url)));
    o.log(`${CLIENTS} clients for ${o.seconds} s while an import of ${o.importRows} rows and a full sweep run`);

    const samples = new Map<Route, number[]>(ROUTES.map((r) => [r, []]));
    const serverSamples = new Map<Route, Map<string, number[]>>(ROUTES.map((r) => [r, new Map()]));
    const routeErrors = new Map<Route, number>(ROUTES.map((r) => [r, 0]));
    const failures: Record<string, number> = {};
    let errorPagesClear = true;
    let acknowledgedNotes = 0;
    let outage: { from: number; to: number } | undefined;
    const duringOutage: number[] = [];
    const record = (route: Route, ms: number, outcome: string, body?: string, serverTiming?: Map<string, number>) => {
      samples.get(route)!.push(ms);
      const phases = serverSamples.get(route)!;
      for (const [name, dur] of serverTiming ?? []) {
        if (!phases.has(name)) phases.set(name, []);
        phases.get(name)!.push(dur);
      }
      if (route === 'add note' && outcome === 'ok') acknowledgedNotes++;
      const now = Date.now();
      if (outage && now >= outage.from && now - ms <= outage.to) duringOutage.push(ms);
      if (outcome === 'ok') return;
      routeErrors.set(route, routeErrors.get(route)! + 1);
      failures[outcome] = (failures[outcome] ?? 0) + 1;
      if (body !== undefined && (/at .+\.ts:\d+/.test(body) || !/Something went wrong|Not found|Not allowed|try again/i.test(body))) errorPagesClear = false;
    };

    const importStarted = Date.now();
    const importRun = importPassResult(temporal, await startImportWorkflow(temporal, { importId, kind: 'run', taskQueue, actorId: 'load', fileName: 'load.csv' })).then((r) => ({ r, seconds: (Date.now() - importStarted) / 1000 }));
    const sweepStarted = Date.now();
    const sweepRun = (await startDedupeSweep(temporal, { taskQueue, actorId: 'load' })).result().then((r) => ({ r, seconds: (Date.now() - sweepStarted) / 1000 }));

    const started = Date.now();
    const until = started + o.seconds * 1000;
    const fault = o.fault ? runFault(o, (from, to) => (outage = { from, to })) : Promise.resolve();
    await Promise.all(sessions.map((s, k) => client({ url: web.url, ...s, ids, searches, until, seed: k * 1000, record })));
    const elapsed = (Date.now() - started) / 1000;
    await fault;
    o.log('load over; waiting for the import and the sweep to finish');
    const [imported, swept] = await Promise.all([importRun, sweepRun]);
    const c = imported.r.counts;
    const total = [...samples.values()].reduce((n, s) => n + s.length, 0);
    const figures = (route: Route): RouteFigures => {
      const s = samples.get(route)!;
      return { requests: s.length, errors: routeErrors.get(route)!, p50: round(percentile(s, 50), 1), p95: round(percentile(s, 95), 1), p99: round(percentile(s, 99), 1), max: round(Math.max(...s), 0), serverP95: round(percentile(serverSamples.get(route)!.get('total') ?? [], 95), 1), phasesP95: Object.fromEntries([...serverSamples.get(route)!].filter(([name]) => name !== 'total').map(([name, d]) => [name, round(percentile(d, 95), 1)])) };
    };
    return {
      seconds: round(elapsed, 1),
      requestsPerSecond: round(total / elapsed, 1),
      routes: Object.fromEntries(ROUTES.map((r) => [r, figures(r)])) as Record<Route, RouteFigures>,
      errors: [...routeErrors.values()].reduce((a, b) => a + b, 0),
      failures,
      errorPagesClear,
      import: { finished: true, rows: o.importRows, accounted: c.created + c.merged + c.skipped + c.failed, seconds: round(imported.seconds, 1) },
      sweep: { finished: true, contactsRead: swept.r.contactsRead, contactsBefore: o.contacts, seconds: round(swept.seconds, 1) },
      notes: { acknowledged: acknowledgedNotes, stored: await Note.countDocuments({}) },
      ...(o.fault ? { fault: { downSeconds: o.fault.downSeconds, requestsDuringOutage: duringOutage.length, slowestDuringOutageMs: round(Math.max(0, ...duringOutage), 0) } } : {}),
    };
  } finally {
    await web.kill();
    // Kept for reading afterwards: the server's own view of each error the clients counted.
    await writeFile(join(dataDir, 'bench', 'load-web.log'), web.output());
    await Promise.all(workers.map((w) => w.kill()));
    await connection.close();
    await mongoose.disconnect();
  }
}

/** Kills the database server the bench's services started, and starts it again `downSeconds` later. */
async function runFault(o: LoadOptions, mark: (from: number, to: number) => void): Promise<void> {
  const db = o.services.started.find((s) => s.name === 'ferretdb' || s.name === 'mongod');
  if (!db) throw new Error('load-fault kills the database server it started; stop the running one (or npm start) first');
  await new Promise((r) => setTimeout(r, o.fault!.afterSeconds * 1000));
  const from = Date.now();
  o.log(`killing ${db.name} (pid ${db.child.pid}) for ${o.fault!.downSeconds} s`);
  db.child.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, o.fault!.downSeconds * 1000));
  const again = db.respawn();
  o.services.started[o.services.started.indexOf(db)] = again;
  mark(from, Date.now());
  o.log(`${db.name} started again (pid ${again.child.pid})`);
}

function measurements(r: LoadReport): BenchMeasurement[] {
  const out: BenchMeasurement[] = [{ metric: `requests/s, ${CLIENTS} clients for ${r.seconds} s`, value: r.requestsPerSecond, unit: 'req/s' }];
  for (const route of ROUTES) {
    const f = r.routes[route];
    out.push({ metric: `${route}: p50 / p95 / p99`, value: f.p50, unit: `/ ${f.p95} / ${f.p99} ms (${f.requests} requests, max ${f.max} ms; server's own p95 ${f.serverP95} ms${Object.entries(f.phasesP95).map(([name, ms]) => `, ${name} ${ms}`).join('')})` });
  }
  out.push({ metric: 'errors', value: r.errors, unit: Object.keys(r.failures).length ? JSON.stringify(r.failures) : 'none' });
  out.push({ metric: 'error answers were the clear error page', value: r.errorPagesClear ? 1 : 0, unit: '1=yes' });
  out.push({ metric: 'import under load: rows accounted for', value: r.import.accounted, unit: `of ${r.import.rows}, finished in ${r.import.seconds} s` });
  out.push({ metric: 'sweep under load: contacts read', value: r.sweep.contactsRead, unit: `finished in ${r.sweep.seconds} s; ${r.sweep.contactsBefore} stored before it${r.sweep.contactsRead < r.sweep.contactsBefore ? ' (CONTACTS LOST)' : ''}` });
  out.push({ metric: 'notes stored / notes the server acknowledged', value: r.notes.stored, unit: `/ ${r.notes.acknowledged}${r.notes.stored < r.notes.acknowledged ? ' (NOTES LOST)' : ''}` });
  if (r.fault) {
    out.push({ metric: `requests while the database was down ${r.fault.downSeconds} s`, value: r.fault.requestsDuringOutage, unit: `slowest ${r.fault.slowestDuringOutageMs} ms` });
  }
  return out;
}

export const loadBench: BenchEntry = {
  name: 'load',
  description: '10 staff clients (list, search, profile, add note) for 60 s on the web server process while an import of N rows and a full sweep run over N contacts',
  defaultSize: 100_000,
  run: async ({ size, services, dbName, log }) => measurements(await runLoad({ contacts: size, importRows: size, seconds: 60, dbName, services, log })),
};

export const loadFaultBench: BenchEntry = {
  name: 'load-fault',
  description: 'load, with the database server killed for 10 s after 20 s: what users saw, and whether every workflow finished with nothing lost',
  defaultSize: 100_000,
  run: async ({ size, services, dbName, log }) => measurements(await runLoad({ contacts: size, importRows: size, seconds: 60, dbName, services, log, fault: { afterSeconds: 20, downSeconds: 10 } })),
};
