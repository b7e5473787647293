import { estimatedCount } from '../../db/estimated-count';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { connectDatabase } from '../../db/connection';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { ensureIndexes } from '../../db/ensure-indexes';
import { DEFAULT_EXPORT_FIELDS } from '../../domain/export/export-fields';
import { createStaffUser } from '../../activities/admin/create-staff-user';
import { childProcessEnv } from '../../config/dev-tools';
import { insertExistingContacts } from '../fixtures/import-fixture';
import { TEST_NAMESPACE } from '../services/index';
import { repoRoot } from '../services/paths';
import { round } from './stats';
import { SERVICE_NODE_FLAGS } from '../../config/service-node-flags';
import type { BenchEntry } from './types';

const LOGIN = { email: 'bench@casebook.local', password: 'bench-password-123' };
const PORT = 3917;
const MB = 1024 * 1024;

/**
 * Contacts → Export → CSV of every contact with the default fields, through
 * the real web server (its own process, so its memory is measured alone),
 * downloaded over HTTP as a browser would.
 */
export const exportBench: BenchEntry = {
  name: 'export',
  description: 'Contacts export to CSV over HTTP, streamed from the database (web server in its own process)',
  defaultSize: 50_000,
  async run({ size, services, dbName, log }) {
    await connectDatabase(services.mongodbUri, dbName);
    const existing = await estimatedCount('contacts');
    // The contacts of an earlier run of the same size are reused: inserting a million takes minutes.
    if (existing !== size) {
      await mongoose.connection.db!.dropDatabase();
      await ensureIndexes(await detectDatabaseEngine());
      const t = performance.now();
      await insertExistingContacts(size, { onBatch: (n) => n % 100_000 === 0 && log(`contacts: ${n}`) });
      log(`${size} contacts inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await createStaffUser({ name: 'Bench', email: LOGIN.email, role: 'staff', password: LOGIN.password }); // refused (and kept) when it exists
    await mongoose.disconnect();

    const server = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '--import', 'tsx', 'server.ts'], {
      cwd: repoRoot,
      env: childProcessEnv({ CASEBOOK_SERVICE: 'web', LOG_LEVEL: 'warn', PORT: String(PORT), MONGODB_URI: services.mongodbUri, MONGODB_DB: dbName, TEMPORAL_ADDRESS: services.temporalAddress, TEMPORAL_NAMESPACE: TEST_NAMESPACE, CONTACT_LIST_INDEX: 'database' }),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    try {
      const base = `http://127.0.0.1:${PORT}`;
      for (let i = 0; ; i++) {
        if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
        if (i > 600) throw new Error('the web server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base }, body: new URLSearchParams(LOGIN) });
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const before = rss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
      const query = new URLSearchParams([['format', 'csv'], ...DEFAULT_EXPORT_FIELDS.map((f) => ['fields', f])]);
      const t = performance.now();
      const response = await fetch(`${base}/contacts/export/download?${query}`, { headers: { cookie } });
      let bytes = 0;
      let lines = 0;
      let firstByte = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (!firstByte) firstByte = performance.now() - t;
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      }
      const seconds = (performance.now() - t) / 1000;
      clearInterval(sampler);
      const rows = lines - 1;
      log(`exported ${rows} rows, ${(bytes / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
      if (rows !== size) throw new Error(`the export has ${rows} rows, expected ${size}`);
      return [
        { metric: 'export rows per second (CSV, HTTP)', value: round(rows / seconds), unit: 'rows/s' },
        { metric: 'export wall time', value: round(seconds, 1), unit: 's' },
        { metric: 'time to first byte', value: round(firstByte), unit: 'ms' },
        { metric: 'file size', value: round(bytes / MB, 1), unit: 'MB' },
        { metric: 'web server RSS before', value: round(before / MB), unit: 'MB' },
        { metric: 'web server peak RSS during the export', value: round(peak / MB), unit: 'MB' },
      ];
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  },
};
