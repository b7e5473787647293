import type { Readable } from 'node:stream';

export type StoredObject = { key: string; size: number };

/**
 * Where files live (documents, note attachments, import uploads, bundles).
 * Callers only see keys and streams, so GridFS can give way to S3 or disk.
 */
export type Storage = {
  /** Stores the bytes; when the input stream fails, nothing of it is kept and the error is thrown. */
  put(input: Readable | Buffer, meta: { filename: string; contentType: string }): Promise<StoredObject>;
  get(key: string): Promise<{ stream: Readable; size: number }>;
  delete(key: string): Promise<void>;
};
