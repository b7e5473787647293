import busboy from 'busboy';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { storeUploadStream, type DocumentOwner, type StreamedUpload, type UploadSource } from '../../activities/documents/store-upload-stream';
import type { Actor } from '../../db/audit';
import { AppError } from '../../domain/app-error';
import type { Storage } from '../../storage/storage';
import { assertCsrfToken, csrfTokenMatches } from '../auth/middleware';

export const FILES_PER_UPLOAD = 20;

/**
 * The files of a multipart document upload, each streamed into storage as it
 * arrives (storeUploadStream), one after another: the request is never
 * held whole, and a file over the limit is cut off without reading it all.
 * The CSRF token is the X-CSRF-Token header (the drop zone's requests) or
 * the `_csrf` field ahead of the files (the plain form): no file is stored
 * before it is known that the request is the signed-in person's.
 */
export async function receiveDocumentUploads(req: Request, o: { csrfToken: string | undefined; headerTokenChecked: boolean; maxBytes: number; owner: DocumentOwner | ((fields: Record<string, string>) => DocumentOwner); actor: Actor; storage: Storage; source?: UploadSource }): Promise<StreamedUpload[]> {
  if (!req.body || !(req.headers.get('content-type') ?? '').includes('multipart/form-data')) throw new AppError('BAD_REQUEST', 'Choose at least one file to upload.');
  const contentType = req.headers.get('content-type')!;
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > o.maxBytes * FILES_PER_UPLOAD + 64 * 1024) throw new AppError('BAD_REQUEST', `Upload too large: at most ${FILES_PER_UPLOAD} files of ${Math.round(o.maxBytes / 1024 / 1024)} MB each.`);
  const parser = busboy({ headers: { 'content-type': contentType }, limits: { files: FILES_PER_UPLOAD, fileSize: o.maxBytes + 1, fields: 10 } });
  let sentToken: string | undefined;
  let trusted = o.headerTokenChecked;
  // Fields before the files: the token, and (on the portal) the case the files are for.
  const fields: Record<string, string> = {};
  parser.on('field', (name, value) => {
    if (name === '_csrf') sentToken = value;
    else if (Object.keys(fields).length < 8) fields[name] = value.slice(0, 200);
  });
  let owner: DocumentOwner | undefined;
  // Files are handled in order; busboy waits for each file's stream to be read before it parses on.
  let chain: Promise<void> = Promise.resolve();
  const results: StreamedUpload[] = [];
  let refusedFile = false;
  // A storage or database failure: later files are drained (never left unread, which would stall the parser).
  let failed: unknown;
  parser.on('file', (_field, stream, info) => {
    trusted ||= csrfTokenMatches(o.csrfToken, sentToken);
    if (!trusted || !info.filename || failed) {
      refusedFile ||= !trusted;
      stream.resume();
      return;
    }
    chain = chain.then(async () => {
      if (failed) return void stream.resume();
      try {
        owner ??= typeof o.owner === 'function' ? o.owner(fields) : o.owner;
        results.push(await storeUploadStream({ fileName: info.filename ?? '', stream, maxBytes: o.maxBytes, owner, actor: o.actor, storage: o.storage, source: o.source }));
      } catch (err) {
        failed = err;
        stream.resume();
      }
    });
  });
  await pipeline(Readable.fromWeb(req.body as WebReadableStream), parser);
  await chain;
  if (failed) throw failed;
  if (refusedFile) throw new AppError('FORBIDDEN', 'This form has expired. Reload the page and try again.');
  if (!trusted) assertCsrfToken(o.csrfToken, sentToken);
  if (results.length === 0) throw new AppError('BAD_REQUEST', 'Choose at least one file to upload.');
  return results;
}
