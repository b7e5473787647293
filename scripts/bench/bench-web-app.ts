import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import mongoose from 'mongoose';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CaseListIndexService } from '../../activities/cases/case-list-index';
import { ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { logger } from '../../logging/logger';
import { createStaffUser } from '../../activities/admin/create-staff-user';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { dataDir } from '../services/paths';
import { createApp } from '../../web/app';

const LOGIN = { email: 'bench@casebook.local', password: 'bench-password-123' };

/** The real dashboard app on a free port over an already connected database, logged in, as a benchmark client sees it. */
export async function startBenchWebApp(o: { temporal: Client; dbName: string; log: (m: string) => void; freshIndex?: boolean; caseIndex?: boolean }) {
  const engine = await detectDatabaseEngine();
  const contactIndex = engine === 'ferretdb' ? new ContactListIndexService({ dataDir, dbName: o.dbName, log: logger }) : undefined;
  let indexReadySeconds: number | undefined;
  // A first build, as a new web server makes it: the saved snapshot is removed first.
  if (contactIndex && o.freshIndex) rmSync(contactIndex.snapshotFile, { force: true });
  if (contactIndex) {
    o.log('loading the in-memory contact list index (snapshot, or a full scan the first time)');
    const started = Date.now();
    await contactIndex.start();
    await contactIndex.settled(); // built and snapshotted, so the snapshot write does not overlap the measurements
    if (!contactIndex.ready) throw new Error('the contact list index could not be built; see the log');
    indexReadySeconds = (Date.now() - started) / 1000;
    o.log(`index ready with ${contactIndex.size} rows in ${indexReadySeconds.toFixed(1)}s (${contactIndex.lastBuild?.from ?? 'snapshot'})`);
  }
  // The case list's index, when the bench asks for it (the contacts benches leave it out of their memory figures).
  const caseIndex = engine === 'ferretdb' && o.caseIndex ? new CaseListIndexService({ dataDir, dbName: o.dbName, log: logger }) : undefined;
  let caseIndexReadySeconds: number | undefined;
  if (caseIndex) {
    if (o.freshIndex) rmSync(caseIndex.snapshotFile, { force: true });
    const started = Date.now();
    await caseIndex.start();
    await caseIndex.settled();
    if (!caseIndex.ready) throw new Error('the case list index could not be built; see the log');
    caseIndexReadySeconds = (Date.now() - started) / 1000;
    o.log(`case list index ready with ${caseIndex.size} rows in ${caseIndexReadySeconds.toFixed(1)}s (${caseIndex.lastBuild?.from})`);
  }
  await createStaffUser({ name: 'Bench', email: LOGIN.email, role: 'staff', password: LOGIN.password }); // refused (and kept) when it exists
  const app = createApp({ temporal: o.temporal, taskQueue: 'bench-unused', storage: createGridFsStorage(mongoose.connection.db!), contactIndex, caseIndex });
  const { url, close } = await new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
  const login = await fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url }, body: new URLSearchParams(LOGIN) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`bench login failed with ${login.status}`);
  return { url, cookie, engine, close, snapshotDir: join(dataDir, 'indexes'), contactIndex, indexReadySeconds, caseIndex, caseIndexReadySeconds };
}
