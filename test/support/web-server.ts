import { serve } from '@hono/node-server';
import mongoose from 'mongoose';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseListIndexService } from '../../activities/cases/case-list-index';
import { chooseListIndex, ContactListIndexService } from '../../activities/contacts/contact-list-index';
import { config } from '../../config/config';
import { detectDatabaseEngine } from '../../db/detect-engine';
import { logger } from '../../logging/logger';
import { StaffUser } from '../../db/models/index';
import { hashPassword } from '../../activities/auth/password';
import { createApp } from '../../web/app';
import type { OutboxWebSettings } from '../../web/outbox/outbox-web-settings';
import type { AppServices } from '../../web/env';
import { sessionCookieName } from '../../web/auth/cookie';
import type { TestEnv } from './test-env';

export type WebServer = { url: string; close: () => Promise<void> };

/** The real dashboard app on a free port, wired to the test database and Temporal. */
export async function startWebServer(env: TestEnv, o: { port?: number; outbox?: OutboxWebSettings; bundleLifetimeMs?: number; services?: Partial<Pick<AppServices, 'portalStepUp' | 'portalLinkLifetimeMs'>> } = {}): Promise<WebServer> {
  // The same choice server.ts makes: the in-memory list index on FerretDB, unless the run is in database mode.
  const contactIndex = chooseListIndex(config.CONTACT_LIST_INDEX, await detectDatabaseEngine()) === 'memory' ? new ContactListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-index-')), dbName: env.dbName, log: logger }) : undefined;
  await contactIndex?.start();
  const caseIndex = contactIndex ? new CaseListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-case-index-')), dbName: env.dbName, log: logger }) : undefined;
  await caseIndex?.start();
  const app = createApp({ temporal: env.temporal, taskQueue: env.taskQueue, storage: createGridFsStorage(mongoose.connection.db!), contactIndex, caseIndex, outbox: o.outbox, bundleLifetimeMs: o.bundleLifetimeMs, ...o.services });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: o.port ?? 0 }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

export const TEST_ADMIN = { email: 'admin@test.local', password: 'correct horse battery staple', name: 'Tess Admin' };

export async function createTestAdmin() {
  return StaffUser.create({ name: TEST_ADMIN.name, email: TEST_ADMIN.email, role: 'admin', passwordHash: await hashPassword(TEST_ADMIN.password) });
}

/** Logs in through the login form (as a browser posts it) and returns the session cookie, as `name=value`. */
export async function logInCookie(baseUrl: string, who: { email: string; password: string } = TEST_ADMIN): Promise<string> {
  const login = await fetch(`${baseUrl}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: baseUrl }, body: new URLSearchParams({ email: who.email, password: who.password }) });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`));
  if (!cookie) throw new Error(`login as ${who.email} failed: ${login.status}`);
  return cookie.split(';')[0]!;
}
