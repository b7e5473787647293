import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { openTestEnv, type TestEnv } from '../support/test-env';

// Several cursor batches of 255 KB chunks, so a reader that stops early leaves the cursor open.
const FILE_BYTES = 6 * 1024 * 1024 + 12345;

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

    // An import segment or a file preview reads the start and stops: the cursor (and its batch) must not outlive the stream.
    commands.length = 0;
    const { stream } = await storage.get(key);
    for await (const chunk of stream) {
      expect((chunk as Buffer).equals(data.subarray(0, (chunk as Buffer).length))).toBe(true);
      break; // destroys the stream
    }
    await expect.poll(() => commands.includes('killCursors'), { timeout: 5000 }).toBe(true);
  }, 60_000);

  it('refuses a damaged file instead of returning it shorter', async () => {
    const db = client.db(env.dbName);
    const storage = createGridFsStorage(db);
    const { key } = await storage.put(randomBytes(1024 * 1024), { filename: 'damaged.bin', contentType: 'application/octet-stream' });
    await db.collection('files.chunks').deleteOne({ files_id: new mongoose.mongo.ObjectId(key), n: 2 });
    const read = async () => {
      for await (const chunk of (await storage.get(key)).stream) void chunk;
    };
    await expect(read()).rejects.toThrow(/damaged: chunk 2 is missing/);
    await expect(storage.get('65a000000000000000000099')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stores and returns an empty file', async () => {
    const storage = createGridFsStorage(client.db(env.dbName));
    const { key, size } = await storage.put(Buffer.alloc(0), { filename: 'empty.csv', contentType: 'text/csv' });
    expect(size).toBe(0);
    const parts: Buffer[] = [];
    for await (const chunk of (await storage.get(key)).stream) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).length).toBe(0);
  });
});
