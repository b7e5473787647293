import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Storage, StoredObject } from './storage';

/** GridFS in the product database: works on MongoDB 7 and on FerretDB. */
// Uses Mongoose's own driver so the bucket and the connection agree on versions.
const { GridFSBucket, ObjectId } = mongoose.mongo;

const CHUNK_BYTES = 255 * 1024;
// Chunks per cursor batch when reading (2 MB). The driver's download stream takes the server's
// default, about 100 chunks (25 MB) a batch, held twice while the next arrives, for each reader.
const READ_BATCH_CHUNKS = 8;

type StoredFile = { _id: mongoose.mongo.ObjectId; length: number; chunkSize: number };
type Chunk = { n: number; data: mongoose.mongo.Binary };

export function createGridFsStorage(db: mongoose.mongo.Db, bucketName = 'files'): Storage {
  const bucket = new GridFSBucket(db, { bucketName, chunkSizeBytes: CHUNK_BYTES });
  const files = db.collection<StoredFile>(`${bucketName}.files`);
  const chunks = db.collection<Chunk>(`${bucketName}.chunks`);
  return {
    async put(input, meta): Promise<StoredObject> {
      const upload = bucket.openUploadStream(meta.filename, { metadata: { contentType: meta.contentType } });
      try {
        await pipeline(Buffer.isBuffer(input) ? Readable.from([input]) : input, upload);
      } catch (err) {
        // An input that fails mid-way (an upload over its limit, a dropped connection) leaves no chunks behind.
        await bucket.delete(upload.id).catch(() => undefined);
        throw err;
      }
      return { key: upload.id.toString(), size: upload.length };
    },
    async get(key) {
      const file = await files.findOne({ _id: toObjectId(key) });
      if (!file) throw Object.assign(new Error(`No stored file ${key}`), { code: 'ENOENT' });
      return { stream: Readable.from(readChunks(chunks, file), { objectMode: false }), size: file.length };
    },
    async delete(key) {
      await bucket.delete(toObjectId(key)).catch((err: Error) => {
        if (!/not found/i.test(err.message)) throw err; // deleting twice is fine
      });
    },
  };
}

/**
 * A stored file's bytes, chunk by chunk, checked against its length (a
 * missing or short chunk is an error, not a silently shorter file). A
 * reader that stops early (an import segment that ends mid-file, a preview
 * of the first 64 KB, a cancelled download) destroys the stream, which
 * ends this generator and closes the cursor with it.
 */
async function* readChunks(chunks: mongoose.mongo.Collection<Chunk>, file: StoredFile): AsyncGenerator<Buffer> {
  const expected = Math.ceil(file.length / file.chunkSize);
  const cursor = chunks.find({ files_id: file._id }, { sort: { n: 1 }, batchSize: READ_BATCH_CHUNKS, projection: { _id: 0, n: 1, data: 1 } });
  try {
    let n = 0;
    for await (const chunk of cursor) {
      if (chunk.n !== n) throw new Error(`Stored file ${file._id} is damaged: chunk ${n} is missing`);
      const size = n === expected - 1 ? file.length - n * file.chunkSize : file.chunkSize;
      const data = chunk.data.buffer.subarray(0, chunk.data.position);
      if (data.length !== size) throw new Error(`Stored file ${file._id} is damaged: chunk ${n} has ${data.length} bytes, not ${size}`);
      yield Buffer.from(data.buffer, data.byteOffset, data.length);
      n++;
    }
    if (n !== expected) throw new Error(`Stored file ${file._id} is damaged: ${expected - n} of its ${expected} chunks are missing`);
  } finally {
    await cursor.close();
  }
}

function toObjectId(key: string): mongoose.mongo.ObjectId {
  if (!ObjectId.isValid(key)) throw Object.assign(new Error(`Bad storage key ${key}`), { code: 'ENOENT' });
  return new ObjectId(key);
}
