import { serve } from '@hono/node-server';
import mongoose from 'mongoose';
import { createGridFsStorage } from '../../lib/storage/gridfs-storage';
import type { AddressInfo } from 'node:net';
import { StaffUser } from '../../db/models/index';
import { hashPassword } from '../../lib/password';
import { createApp } from '../../web/app';
import type { TestEnv } from './test-env';

export type WebServer = { url: string; close: () => Promise<void> };

/** The real dashboard app on a free port, wired to the test database and Temporal. */
export async function startWebServer(env: TestEnv): Promise<WebServer> {
  const app = createApp({ temporal: env.temporal, taskQueue: env.taskQueue, storage: createGridFsStorage(mongoose.connection.db!) });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

export const TEST_ADMIN = { email: 'admin@test.local', password: 'correct horse battery staple', name: 'Tess Admin' };

export async function createTestAdmin() {
  return StaffUser.create({ name: TEST_ADMIN.name, email: TEST_ADMIN.email, role: 'admin', passwordHash: await hashPassword(TEST_ADMIN.password) });
}
