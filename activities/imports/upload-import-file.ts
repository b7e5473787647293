import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Actor } from '../../db/audit';
import { createImportJob, updateImportJob } from '../../db/imports/import-jobs';
import type { ImportJobDoc } from '../../db/models/index';
import { InvalidImportFile } from '../../domain/imports/import-file';
import { suggestColumnMapping } from '../../domain/imports/suggest-column-mapping';
import type { Storage } from '../../storage/storage';
import { analyzeImportFile } from './files/analyze-import-file';
import { checkXlsxArchive } from './files/check-xlsx-archive';

const HEAD_BYTES = 64 * 1024;

export type UploadedImportFile = { path: string; fileName: string; size: number; head: Buffer };
export type NewImportResult = { ok: true; importId: string } | { ok: false; message: string };

/**
 * Settings → Import, step 1: an uploaded file (already streamed to a local
 * temporary file) is checked (a workbook's zip directory before anything is
 * unpacked), analyzed (format, encoding, separator, header, first rows),
 * stored and made an import with a suggested mapping. A file that cannot
 * be imported gets a message for staff and nothing is kept.
 */
export async function createImportFromUpload(o: { upload: UploadedImportFile; storage: Storage; actor: Actor; dateOrder: 'mdy' | 'dmy' }): Promise<NewImportResult> {
  const { upload } = o;
  try {
    const isZip = upload.head[0] === 0x50 && upload.head[1] === 0x4b;
    const sheets = isZip ? (await checkXlsxArchive(upload.path)).sheets : undefined;
    const analysis = await analyzeImportFile({ head: upload.head, open: async () => createReadStream(upload.path) });
    const stored = await o.storage.put(createReadStream(upload.path), { filename: upload.fileName, contentType: isZip ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' });
    const importId = await createImportJob({ fileName: upload.fileName, fileKey: stored.key, size: stored.size, sheets, analysis, mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), actor: o.actor, dateOrder: o.dateOrder });
    return { ok: true, importId };
  } catch (err) {
    if (err instanceof InvalidImportFile) return { ok: false, message: `${upload.fileName}: ${err.message}` };
    throw err;
  }
}

/** Reads an import's stored file again with another encoding, separator or sheet; a file that cannot be read so keeps the message as its warning. */
export async function rereadImportFile(o: { job: ImportJobDoc; storage: Storage; override: { encoding?: string; delimiter?: string; sheet?: number } }): Promise<void> {
  const { job, storage } = o;
  const head = await readHead((await storage.get(job.fileKey)).stream);
  try {
    const override = job.read.format === 'csv' ? { encoding: o.override.encoding, delimiter: o.override.delimiter } : { sheet: o.override.sheet };
    const analysis = await analyzeImportFile({ head, open: async () => (await storage.get(job.fileKey)).stream, override });
    await updateImportJob(job._id, { read: analysis.read, headers: analysis.headers, sampleRows: analysis.sampleRows, warnings: analysis.warnings, mapping: suggestColumnMapping(analysis.headers, analysis.sampleRows), status: 'uploaded' });
  } catch (err) {
    if (!(err instanceof InvalidImportFile)) throw err;
    await updateImportJob(job._id, { warnings: [err.message] });
  }
}

/** The first 64 KB of a stored file (for sniffing its format); the rest is not read. */
async function readHead(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    parts.push(chunk as Buffer);
    n += (chunk as Buffer).length;
    if (n >= HEAD_BYTES) break;
  }
  stream.destroy();
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}
