import type { Readable } from 'node:stream';

export type StoredObject = { key: string; size: number };
/** Bytes `start` to `end` inclusive, as in an HTTP Range header. */
export type ByteRange = { start: number; end: number };

/**
 * Where files live (documents, note attachments, import uploads, bundles).
 * Callers only see keys and streams, so GridFS can give way to S3 or disk.
 */
export type Storage = {
  /**
   * Stores the bytes; when the input stream fails, nothing of it is kept and
   * the error is thrown. `key` (from `newKey`) lets a caller that may be
   * killed mid-way record the key first and `delete` what a killed put left.
   */
  put(input: Readable | Buffer, meta: { filename: string; contentType: string; key?: string }): Promise<StoredObject>;
  /** The stored bytes, or the range of them; the size is the whole object's. */
  get(key: string, range?: ByteRange): Promise<{ stream: Readable; size: number }>;
  /** Removes an object, or what an interrupted put of that key left; deleting twice is fine. */
  delete(key: string): Promise<void>;
  /** A fresh key for `put`. */
  newKey(): string;
};
