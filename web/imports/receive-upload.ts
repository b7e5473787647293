import busboy from 'busboy';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { safeFileName } from '../../domain/documents/safe-file-name';
import { AppError } from '../../domain/app-error';
import { assertCsrfToken, csrfTokenMatches } from '../auth/middleware';

export const IMPORT_MAX_BYTES = 500 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export type ReceivedUpload = { path: string; fileName: string; size: number; head: Buffer; discard: () => Promise<void> };

/**
 * Streams the one file of a multipart upload to a temporary file, never
 * holding it in memory, and keeps its first 64 KB for sniffing. Refuses
 * past the size limit without reading the rest. The form's `_csrf` field
 * comes before the file (browsers send fields in page order): a file that
 * arrives without the session's token ahead of it is refused before a byte
 * of it is stored.
 */
export async function receiveImportUpload(req: Request, o: { csrfToken: string | undefined; maxBytes?: number }): Promise<ReceivedUpload> {
  const maxBytes = o.maxBytes ?? IMPORT_MAX_BYTES;
  if (!req.body || !(req.headers.get('content-type') ?? '').includes('multipart/form-data')) throw new AppError('BAD_REQUEST', 'Choose a CSV or Excel file to upload.');
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > maxBytes + 64 * 1024) throw new AppError('BAD_REQUEST', `The file is larger than ${maxBytes / 1024 / 1024} MB.`);
  const path = join(tmpdir(), `casebook-import-${randomBytes(8).toString('hex')}`);
  const discard = () => unlink(path).catch(() => undefined);
  const parser = busboy({ headers: { 'content-type': req.headers.get('content-type')! }, limits: { files: 1, fileSize: maxBytes, fields: 10 } });
  let received: Promise<{ fileName: string; size: number; head: Buffer; truncated: boolean }> | undefined;
  let sentToken: string | undefined;
  parser.on('field', (name, value) => {
    if (name === '_csrf') sentToken = value;
  });
  // The token as it stood when the file began: what a later field says cannot vouch for a file already arriving.
  let tokenAtFile: string | undefined;
  let sawFile = false;
  parser.on('file', (_field, stream, info) => {
    if (sawFile) return stream.resume();
    sawFile = true;
    tokenAtFile = sentToken;
    // Refused below once the body is read; until then the file is drained, never stored.
    if (!csrfTokenMatches(o.csrfToken, tokenAtFile)) return stream.resume();
    received = (async () => {
      const chunks: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      stream.on('data', (d: Buffer) => {
        size += d.length;
        if (headLength < HEAD_BYTES) {
          chunks.push(d.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(d.length, HEAD_BYTES - headLength);
        }
      });
      await pipeline(stream, createWriteStream(path));
      return { fileName: safeFileName(info.filename || 'upload.csv'), size, head: Buffer.concat(chunks), truncated: (stream as { truncated?: boolean }).truncated === true };
    })();
  });
  try {
    await pipeline(Readable.fromWeb(req.body as WebReadableStream), parser);
    assertCsrfToken(o.csrfToken, sawFile ? tokenAtFile : sentToken);
    if (!received) throw new AppError('BAD_REQUEST', 'Choose a CSV or Excel file to upload.');
    const file = await received;
    if (file.truncated) throw new AppError('BAD_REQUEST', `The file is larger than ${maxBytes / 1024 / 1024} MB.`);
    if (file.size === 0) throw new AppError('BAD_REQUEST', 'The file is empty.');
    return { path, fileName: file.fileName, size: file.size, head: file.head, discard };
  } catch (err) {
    await discard();
    throw err;
  }
}
