// Building blocks for Download All tests: documents stored the way uploads
// store them, and a zip read back with an independent reader (yauzl) and
// checked with Info-ZIP's `unzip -t`.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { parse as parseCsv } from 'csv-parse/sync';
import { storeUploadStream, type DocumentOwner } from '../../activities/documents/store-upload-stream';
import type { Actor } from '../../db/audit';
import type { Storage } from '../../storage/storage';

export async function storeDocument(storage: Storage, owner: DocumentOwner, actor: Actor, name: string, data: Buffer) {
  const stored = await storeUploadStream({ fileName: name, stream: Readable.from([data]), maxBytes: 100 * 1024 * 1024, owner, actor, storage });
  if (!stored.ok) throw new Error(`${name}: ${stored.reason}`);
  return stored.document;
}

export type ZipEntryRead = { name: string; data: Buffer; stored: boolean };

/** Every entry of a zip, with its bytes, read by yauzl (which validates CRCs and sizes as it reads). */
export async function readZip(zip: Buffer): Promise<ZipEntryRead[]> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (err, f) => (err || !f ? reject(err) : resolve(f))));
  const entries: ZipEntryRead[] = [];
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('end', () => resolve());
    file.on('entry', (entry: yauzl.Entry) => {
      file.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const parts: Buffer[] = [];
        stream.on('data', (d: Buffer) => parts.push(d));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.push({ name: entry.fileName, data: Buffer.concat(parts), stored: entry.compressionMethod === 0 });
          file.readEntry();
        });
      });
    });
    file.readEntry();
  });
  return entries;
}

/** Info-ZIP's own test of the archive: exit code 0 only for a complete, valid zip. */
export async function unzipTest(zip: Buffer): Promise<string> {
  const path = join(tmpdir(), `casebook-bundle-${process.pid}-${Date.now()}.zip`);
  writeFileSync(path, zip);
  const { stdout } = await promisify(execFile)('unzip', ['-t', path]);
  return stdout;
}

/** The manifest's rows as objects keyed by its header. */
export function manifestRows(csv: string): Record<string, string>[] {
  return parseCsv(csv, { columns: true, bom: true }) as Record<string, string>[];
}
