import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Storage, StoredObject } from './storage';

/** GridFS in the product database: works on MongoDB 7 and on FerretDB. */
// Uses Mongoose's own driver so the bucket and the connection agree on versions.
const { GridFSBucket, ObjectId } = mongoose.mongo;

export function createGridFsStorage(db: mongoose.mongo.Db, bucketName = 'files'): Storage {
  const bucket = new GridFSBucket(db, { bucketName, chunkSizeBytes: 255 * 1024 });
  return {
    async put(input, meta): Promise<StoredObject> {
      const upload = bucket.openUploadStream(meta.filename, { metadata: { contentType: meta.contentType } });
      await pipeline(Buffer.isBuffer(input) ? Readable.from([input]) : input, upload);
      return { key: upload.id.toString(), size: upload.length };
    },
    async get(key) {
      const id = toObjectId(key);
      const [file] = await bucket.find({ _id: id }).limit(1).toArray();
      if (!file) throw Object.assign(new Error(`No stored file ${key}`), { code: 'ENOENT' });
      return { stream: closeCursorOnEarlyClose(bucket.openDownloadStream(id)), size: file.length };
    },
    async delete(key) {
      await bucket.delete(toObjectId(key)).catch((err: Error) => {
        if (!/not found/i.test(err.message)) throw err; // deleting twice is fine
      });
    },
  };
}

/**
 * A reader that stops early (an import segment that ends mid-file, a preview
 * that wants the first 64 KB, a browser that cancels a download) destroys
 * the stream, and destroy() leaves the chunk cursor open: the driver keeps
 * it among the client's active sessions with its last batch (about 100
 * chunks, 25 MB) for good. abort() is what closes it.
 */
function closeCursorOnEarlyClose(stream: mongoose.mongo.GridFSBucketReadStream): mongoose.mongo.GridFSBucketReadStream {
  stream.once('close', () => {
    if (!stream.readableEnded) stream.abort().catch(() => undefined); // best effort: the server times idle cursors out anyway
  });
  return stream;
}

function toObjectId(key: string): mongoose.mongo.ObjectId {
  if (!ObjectId.isValid(key)) throw Object.assign(new Error(`Bad storage key ${key}`), { code: 'ENOENT' });
  return new ObjectId(key);
}
