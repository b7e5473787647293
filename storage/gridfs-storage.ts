import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import type { ByteRange, Storage, StoredObject } from './storage';

/**
 * GridFS in the product database: works on MongoDB 7 and on FerretDB.
 *
 * Files are written in GridFS's layout (a `files` document, `chunks` with
 * `files_id` and `n`), so any GridFS tool reads them, with one addition:
 * each chunk's `_id` is "<file id>:<n>". Reading chunk n is then a look-up
 * by _id, which every MongoDB-wire engine serves from an index; FerretDB v1
 * serves nothing else from one, so the driver's `{ files_id }` query read
 * every chunk of every file to return one file's (a 1 GB bucket read whole
 * for each small document). Files written before this layout are read the
 * old way (`metadata.chunkIds` absent).
 */
// Uses Mongoose's own driver so the bucket and the connection agree on versions.
const { GridFSBucket, ObjectId, Binary } = mongoose.mongo;

const CHUNK_BYTES = 255 * 1024;
// Chunks read ahead of the one being sent (1 MB): the next look-ups overlap the sending of this one.
const READ_AHEAD = 4;
// Legacy files: chunks per cursor batch (2 MB) rather than the server's default of about 25 MB.
const READ_BATCH_CHUNKS = 8;
const CHUNK_IDS = 'file:n';

type StoredFile = { _id: mongoose.mongo.ObjectId; length: number; chunkSize: number; uploadDate: Date; filename: string; metadata?: { contentType?: string; chunkIds?: string } };
type Chunk = { _id: string | mongoose.mongo.ObjectId; files_id: mongoose.mongo.ObjectId; n: number; data: mongoose.mongo.Binary };

const chunkId = (fileId: mongoose.mongo.ObjectId, n: number) => `${fileId.toHexString()}:${n}`;

export function createGridFsStorage(db: mongoose.mongo.Db, bucketName = 'files'): Storage {
  const bucket = new GridFSBucket(db, { bucketName, chunkSizeBytes: CHUNK_BYTES });
  const files = db.collection<StoredFile>(`${bucketName}.files`);
  const chunks = db.collection<Chunk>(`${bucketName}.chunks`);

  /** Deletes chunks 0, 1, … of a file by _id until one is missing (writes are in order, so what a put left is contiguous). */
  async function deleteChunksFrom(fileId: mongoose.mongo.ObjectId, known?: number): Promise<void> {
    const BATCH = 16;
    for (let n = 0; ; n += BATCH) {
      const results = await Promise.all(Array.from({ length: BATCH }, (_, i) => chunks.deleteOne({ _id: chunkId(fileId, n + i) })));
      const deleted = results.reduce((sum, r) => sum + r.deletedCount, 0);
      if (known !== undefined ? n + BATCH >= known : deleted < BATCH) return;
    }
  }

  return {
    newKey: () => new ObjectId().toHexString(),

    async put(input, meta): Promise<StoredObject> {
      const fileId = meta.key ? toObjectId(meta.key) : new ObjectId();
      let n = 0;
      let length = 0;
      let pending: Buffer[] = [];
      let pendingLength = 0;
      const writeChunk = async (data: Buffer) => {
        await chunks.insertOne({ _id: chunkId(fileId, n), files_id: fileId, n, data: new Binary(data) });
        n++;
      };
      try {
        for await (const piece of Buffer.isBuffer(input) ? [input] : input) {
          const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
          pending.push(buf);
          pendingLength += buf.length;
          length += buf.length;
          if (pendingLength < CHUNK_BYTES) continue;
          let all = Buffer.concat(pending, pendingLength);
          while (all.length >= CHUNK_BYTES) {
            await writeChunk(all.subarray(0, CHUNK_BYTES));
            all = all.subarray(CHUNK_BYTES);
          }
          pending = all.length ? [Buffer.from(all)] : [];
          pendingLength = all.length;
        }
        if (pendingLength) await writeChunk(Buffer.concat(pending, pendingLength));
        // The files document last: until it exists, nothing can read the object.
        await files.insertOne({ _id: fileId, length, chunkSize: CHUNK_BYTES, uploadDate: new Date(), filename: meta.filename, metadata: { contentType: meta.contentType, chunkIds: CHUNK_IDS } });
      } catch (err) {
        // An input that fails mid-way (an upload over its limit, a dropped connection) leaves no chunks behind.
        await deleteChunksFrom(fileId, n).catch(() => undefined);
        throw err;
      }
      return { key: fileId.toHexString(), size: length };
    },

    async get(key, range) {
      const file = await files.findOne({ _id: toObjectId(key) });
      if (!file) throw Object.assign(new Error(`No stored file ${key}`), { code: 'ENOENT' });
      const bytes = range ? { start: range.start, end: Math.min(range.end, file.length - 1) } : { start: 0, end: file.length - 1 };
      const source = file.metadata?.chunkIds === CHUNK_IDS ? readChunksById(chunks, file, bytes) : readChunksByFile(chunks, file, bytes);
      return { stream: Readable.from(source, { objectMode: false }), size: file.length };
    },

    async delete(key) {
      const fileId = toObjectId(key);
      const file = await files.findOne({ _id: fileId });
      if (file && file.metadata?.chunkIds !== CHUNK_IDS) {
        await bucket.delete(fileId).catch((err: Error) => {
          if (!/not found/i.test(err.message)) throw err;
        });
        return;
      }
      // The files document first, so a half-deleted object is never readable.
      if (file) await files.deleteOne({ _id: fileId });
      await deleteChunksFrom(fileId, file ? Math.ceil(file.length / file.chunkSize) : undefined);
    },
  };
}

/** The bytes of chunk `n` between file offsets `start` and `end` (inclusive), after checking the chunk's length. */
function sliceOf(file: StoredFile, chunk: Chunk | null, n: number, bytes: ByteRange): Buffer {
  const expected = Math.ceil(file.length / file.chunkSize);
  if (!chunk) throw new Error(`Stored file ${file._id} is damaged: chunk ${n} of ${expected} is missing`);
  const size = n === expected - 1 ? file.length - n * file.chunkSize : file.chunkSize;
  const data = chunk.data.buffer.subarray(0, chunk.data.position);
  if (data.length !== size) throw new Error(`Stored file ${file._id} is damaged: chunk ${n} has ${data.length} bytes, not ${size}`);
  const chunkStart = n * file.chunkSize;
  const from = Math.max(0, bytes.start - chunkStart);
  const to = Math.min(size, bytes.end - chunkStart + 1);
  return Buffer.from(data.buffer, data.byteOffset + from, to - from);
}

/** A file's chunks by _id, a few looked up ahead; a missing or short chunk is an error, not a silently shorter file. */
async function* readChunksById(chunks: mongoose.mongo.Collection<Chunk>, file: StoredFile, bytes: ByteRange): AsyncGenerator<Buffer> {
  if (bytes.end < bytes.start) return;
  const first = Math.floor(bytes.start / file.chunkSize);
  const last = Math.floor(bytes.end / file.chunkSize);
  const ahead: Promise<Chunk | null>[] = [];
  let next = first;
  const fill = () => {
    while (next <= last && ahead.length < READ_AHEAD) ahead.push(chunks.findOne({ _id: chunkId(file._id, next++) }));
  };
  try {
    for (let n = first; n <= last; n++) {
      fill();
      const chunk = await ahead.shift()!;
      yield sliceOf(file, chunk, n, bytes);
    }
  } finally {
    // A reader that stops early leaves look-ups in flight; their results are dropped, their errors too.
    for (const p of ahead) p.catch(() => undefined);
  }
}

/**
 * A legacy file's chunks, in order, from one cursor. A reader that stops
 * early (an import segment that ends mid-file, a preview of the first 64 KB,
 * a cancelled download) destroys the stream, which ends this generator and
 * closes the cursor with it.
 */
async function* readChunksByFile(chunks: mongoose.mongo.Collection<Chunk>, file: StoredFile, bytes: ByteRange): AsyncGenerator<Buffer> {
  const expected = Math.ceil(file.length / file.chunkSize);
  if (bytes.end < bytes.start) return;
  const cursor = chunks.find({ files_id: file._id }, { sort: { n: 1 }, batchSize: READ_BATCH_CHUNKS, projection: { _id: 0, n: 1, data: 1 } });
  const first = Math.floor(bytes.start / file.chunkSize);
  const last = Math.floor(bytes.end / file.chunkSize);
  try {
    let n = 0;
    for await (const chunk of cursor) {
      if (chunk.n !== n) throw new Error(`Stored file ${file._id} is damaged: chunk ${n} is missing`);
      if (n >= first && n <= last) yield sliceOf(file, chunk, n, bytes);
      n++;
      if (n > last) return;
    }
    if (n !== expected) throw new Error(`Stored file ${file._id} is damaged: ${expected - n} of its ${expected} chunks are missing`);
  } finally {
    await cursor.close();
  }
}

function toObjectId(key: string): mongoose.mongo.ObjectId {
  if (!ObjectId.isValid(key) || key.length !== 24) throw Object.assign(new Error(`Bad storage key ${key}`), { code: 'ENOENT' });
  return new ObjectId(key);
}
