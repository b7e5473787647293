import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGridFsStorage } from '../../lib/storage/gridfs-storage';
import { openTestEnv, type TestEnv } from '../support/test-env';

// More than one cursor batch of 255 KB chunks (the first batch holds about 100), so a reader that stops early leaves the cursor open.
const FILE_BYTES = 30 * 1024 * 1024;

describe('GridFS storage on the real database', () => {
  let env: TestEnv;
  let client: mongoose.mongo.MongoClient;
  const commands: string[] = [];

  beforeAll(async () => {
    env = await openTestEnv('gridfs_storage');
    // A client of its own that reports the commands it sends, so the test sees the cursor being closed.
    client = new mongoose.mongo.MongoClient(env.mongodbUri, { monitorCommands: true });
    client.on('commandStarted', (e) => commands.push(e.commandName));
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await env.close();
  });

  it('returns the stored bytes, and a reader that stops early closes the chunk cursor', async () => {
    const storage = createGridFsStorage(client.db(env.dbName));
    const data = randomBytes(FILE_BYTES);
    const { key, size } = await storage.put(data, { filename: 'big.bin', contentType: 'application/octet-stream' });
    expect(size).toBe(FILE_BYTES);

    const whole: Buffer[] = [];
    for await (const chunk of (await storage.get(key)).stream) whole.push(chunk as Buffer);
    expect(Buffer.concat(whole).equals(data)).toBe(true);

    // An import segment or a file preview reads the start and stops: the driver's destroy() alone keeps the cursor and its ~25 MB batch.
    commands.length = 0;
    const { stream } = await storage.get(key);
    for await (const chunk of stream) {
      expect((chunk as Buffer).equals(data.subarray(0, (chunk as Buffer).length))).toBe(true);
      break; // destroys the stream
    }
    await expect.poll(() => commands.includes('killCursors'), { timeout: 5000 }).toBe(true);
  }, 60_000);
});
