import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { openTestEnv, type TestEnv } from '../support/test-env';

// Several 255 KB chunks and a short last one.
const FILE_BYTES = 6 * 1024 * 1024 + 12345;
const CHUNK = 255 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('GridFS storage on the real database', () => {
  let env: TestEnv;
  let client: mongoose.mongo.MongoClient;
  const finds: { collection: string; filter: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    env = await openTestEnv('gridfs_storage');
    // A client of its own that reports the commands it sends, so the test sees how chunks are looked up.
    client = new mongoose.mongo.MongoClient(env.mongodbUri, { monitorCommands: true });
    client.on('commandStarted', (e) => {
      if (e.commandName === 'find') finds.push({ collection: e.command.find, filter: e.command.filter });
    });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await env.close();
  });

  it('returns the stored bytes, whole or a range, looking every chunk up by _id', async () => {
    const storage = createGridFsStorage(client.db(env.dbName));
    const data = randomBytes(FILE_BYTES);
    const { key, size } = await storage.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), { filename: 'big.bin', contentType: 'application/octet-stream' });
    expect(size).toBe(FILE_BYTES);
    finds.length = 0;
    expect((await readAll((await storage.get(key)).stream)).equals(data)).toBe(true);
    // FerretDB serves only an exact _id filter from an index: anything else would read every chunk of every file.
    expect(finds.length).toBeGreaterThan(20);
    expect(finds.every((f) => Object.keys(f.filter).join() === '_id')).toBe(true);

    for (const [start, end] of [[0, 0], [CHUNK - 1, CHUNK], [CHUNK * 3 + 17, CHUNK * 5 + 2], [FILE_BYTES - 10, FILE_BYTES - 1], [FILE_BYTES - 10, FILE_BYTES + 500]] as const) {
      const part = await storage.get(key, { start, end });
      expect(part.size).toBe(FILE_BYTES);
      expect((await readAll(part.stream)).equals(data.subarray(start, Math.min(end, FILE_BYTES - 1) + 1))).toBe(true);
    }
  }, 60_000);

  it('refuses a damaged file instead of returning it shorter', async () => {
    const db = client.db(env.dbName);
    const storage = createGridFsStorage(db);
    const { key } = await storage.put(randomBytes(1024 * 1024), { filename: 'damaged.bin', contentType: 'application/octet-stream' });
    await db.collection<{ _id: string }>('files.chunks').deleteOne({ _id: `${key}:2` });
    await expect((async () => readAll((await storage.get(key)).stream))()).rejects.toThrow(/damaged: chunk 2 of 5 is missing/);
    await expect(storage.get('65a000000000000000000099')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stores and returns an empty file', async () => {
    const storage = createGridFsStorage(client.db(env.dbName));
    const { key, size } = await storage.put(Buffer.alloc(0), { filename: 'empty.csv', contentType: 'text/csv' });
    expect(size).toBe(0);
    expect((await readAll((await storage.get(key)).stream)).length).toBe(0);
  });

  it('keeps nothing of a failed input, and deletes what a killed put left under its key', async () => {
    const db = client.db(env.dbName);
    const storage = createGridFsStorage(db);
    const chunksOf = (key: string) => db.collection('files.chunks').countDocuments({ files_id: new mongoose.mongo.ObjectId(key) });
    const failing = Readable.from((async function* () {
      yield randomBytes(CHUNK * 3);
      throw new Error('connection dropped');
    })());
    const key = storage.newKey();
    await expect(storage.put(failing, { filename: 'cut.bin', contentType: 'application/octet-stream', key })).rejects.toThrow('connection dropped');
    expect(await chunksOf(key)).toBe(0);

    // A process killed mid-put leaves chunks and no files document: delete(key) finds them by _id.
    const killed = storage.newKey();
    const fileId = new mongoose.mongo.ObjectId(killed);
    await db.collection('files.chunks').insertMany(Array.from({ length: 40 }, (_, n) => ({ _id: `${killed}:${n}` as unknown as mongoose.mongo.ObjectId, files_id: fileId, n, data: new mongoose.mongo.Binary(Buffer.alloc(10)) })));
    await expect(storage.get(killed)).rejects.toMatchObject({ code: 'ENOENT' });
    await storage.delete(killed);
    expect(await chunksOf(killed)).toBe(0);
    await storage.delete(killed); // twice is fine
  });

  it('still reads, ranges and deletes files the driver wrote in the older layout', async () => {
    const db = client.db(env.dbName);
    const storage = createGridFsStorage(db);
    const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: 'files', chunkSizeBytes: CHUNK });
    const data = randomBytes(CHUNK * 2 + 99);
    const upload = bucket.openUploadStream('old.bin');
    await new Promise<void>((resolve, reject) => upload.end(data, (err?: Error | null) => (err ? reject(err) : resolve())));
    const key = upload.id.toString();
    expect((await readAll((await storage.get(key)).stream)).equals(data)).toBe(true);
    expect((await readAll((await storage.get(key, { start: CHUNK - 5, end: CHUNK + 5 })).stream)).equals(data.subarray(CHUNK - 5, CHUNK + 6))).toBe(true);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
