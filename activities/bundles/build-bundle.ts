// The zip of a bundle, streamed from storage into storage: each document is
// read, counted and hashed on its way into the archive, and the archive
// flows into storage as it is made. Nothing is whole in memory or on disk.
//
// A killed attempt is not resumed: a zip's central directory comes last, so
// a half-written zip cannot be continued. The next attempt deletes what the
// killed one stored (its key was recorded before writing) and starts over;
// only a zip that reached its end is ever marked ready.
import { ZipArchive } from 'archiver';
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { addBundleAttemptKey, bundleEntries, findBundle, markBundleReady, recordBundleProgress } from '../../db/bundles/bundles';
import type { BundleDoc, BundleEntry } from '../../db/models/index';
import { manifestCsv, readmeText, type ManifestRow } from '../../domain/bundles/bundle-manifest';
import { storeUncompressed } from '../../domain/bundles/zip-compression';
import type { Storage } from '../../storage/storage';
import { useNativeCrc32 } from './native-crc32';

// Every entry's CRC-32 in native code, not archiver's JavaScript loop (native-crc32.ts says why it matters here).
useNativeCrc32();

export type BuildBundleDeps = { storage: Storage; clock: () => Date };
export type BuildControl = { onProgress: (p: { filesDone: number; bytesDone: number }) => void; signal: AbortSignal };
export type BuildBundleResult = { status: BundleDoc['status']; expiresAt?: string };

/** A document whose bytes broke off mid-way: the attempt starts over without it. */
class DamagedEntry extends Error {
  constructor(readonly documentId: string, reason: string) {
    super(reason);
  }
}
export class BundleCancelled extends Error {}
export class BundleNotRecorded extends Error {}

const PROGRESS_EVERY_MS = 1000;

export async function buildBundle(deps: BuildBundleDeps, bundleId: Types.ObjectId, control: BuildControl): Promise<BuildBundleResult> {
  const bundle = await findBundle(bundleId);
  // A second Download All may start the workflow while the first request is still writing the record.
  if (!bundle) throw new BundleNotRecorded(`Bundle ${bundleId} is not recorded (yet)`);
  if (bundle.status !== 'preparing') return { status: bundle.status, expiresAt: bundle.expiresAt?.toISOString() };
  for (const key of bundle.attemptKeys) await deps.storage.delete(key);

  const damaged = new Map<string, string>();
  for (;;) {
    try {
      return await writeZip(deps, bundle, damaged, control);
    } catch (err) {
      if (!(err instanceof DamagedEntry)) throw err;
      damaged.set(err.documentId, err.message);
    }
  }
}

async function writeZip(deps: BuildBundleDeps, bundle: BundleDoc, damaged: Map<string, string>, control: BuildControl): Promise<BuildBundleResult> {
  const key = deps.storage.newKey();
  await addBundleAttemptKey(bundle._id, key);
  const archive = new ZipArchive({ zlib: { level: 6 } });
  // Errors reach `stored` (storage.put reads the archive); this keeps a late one from crashing the worker.
  archive.on('error', () => undefined);
  const stored = deps.storage.put(archive, { filename: bundle.fileName, contentType: 'application/zip', key });
  // `stored` settles only when the archive ends or fails; until then its rejection is handled below.
  stored.catch(() => undefined);
  const fail = async (err: Error): Promise<never> => {
    archive.destroy(err);
    await stored.catch(() => undefined);
    await deps.storage.delete(key);
    throw err;
  };

  const rows: ManifestRow[] = [];
  let filesDone = 0;
  let bytesDone = 0;
  let lastProgress = 0;
  try {
    for await (const entries of bundleEntries(bundle)) {
      for (const entry of entries) {
        if (control.signal.aborted) throw new BundleCancelled('The bundle was cancelled.');
        // Heartbeats while a big file streams too, so a killed worker is noticed within the heartbeat timeout.
        const during = (bytes: number) => control.onProgress({ filesDone, bytesDone: bytesDone + bytes });
        rows.push({ ...manifestRowOf(entry), status: await appendEntry(deps.storage, archive, entry, damaged, during) });
        filesDone++;
        bytesDone += entry.size;
        control.onProgress({ filesDone, bytesDone });
        if (Date.now() - lastProgress > PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          await recordBundleProgress(bundle._id, { filesDone, bytesDone }, deps.clock());
        }
      }
    }
    const missing = rows.filter((r) => r.status.startsWith('missing')).length;
    archive.append(manifestCsv(rows, bundle.createdAt), { name: 'manifest.csv', date: bundle.createdAt });
    archive.append(readmeText({ title: `Documents of ${bundle.scope.label}`, fixedAt: bundle.createdAt, included: rows.length - missing, missing }), { name: 'README.txt', date: bundle.createdAt });
    await archive.finalize();
    const object = await stored;
    const readyAt = deps.clock();
    const expiresAt = new Date(readyAt.getTime() + bundle.lifetimeMs);
    await markBundleReady(bundle._id, { storageKey: object.key, size: object.size, missing, readyAt, expiresAt, filesDone, bytesDone });
    await audit(undefined, 'bundle.ready', { type: 'Bundle', id: bundle._id }, { files: rows.length - missing, missing, bytes: object.size, requestedBy: String(bundle.requestedBy.id) });
    return { status: 'ready', expiresAt: expiresAt.toISOString() };
  } catch (err) {
    return fail(err as Error);
  }
}

function manifestRowOf(e: BundleEntry): Omit<ManifestRow, 'status'> {
  return { zipName: e.zipName, originalName: e.originalName, size: e.size, sha256: e.sha256, mimeType: e.mimeType, uploadedBy: e.uploadedBy, uploadedAt: new Date(e.uploadedAt), caseNumber: e.caseNumber };
}

/** Adds one document to the archive and waits until the archive has taken all of it; returns its manifest status. */
async function appendEntry(storage: Storage, archive: ZipArchive, entry: BundleEntry, damaged: Map<string, string>, onBytes: (bytes: number) => void): Promise<string> {
  const broke = damaged.get(entry.documentId);
  if (broke) return `missing: ${broke}`;
  let source: { stream: Readable; size: number };
  try {
    source = await storage.get(entry.storageKey);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return 'missing: the stored file is gone';
    throw err;
  }
  if (source.size !== entry.size) {
    source.stream.destroy();
    return `missing: the stored file has ${source.size} bytes, not the ${entry.size} uploaded`;
  }
  const hash = createHash('sha256');
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      seen += chunk.length;
      onBytes(seen);
      done(null, chunk);
    },
  });
  await new Promise<void>((resolve, reject) => {
    const onEntry = (data: { name: string }) => {
      if (data.name !== entry.zipName) return;
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onSourceError = (err: Error) => {
      cleanup();
      reject(new DamagedEntry(entry.documentId, `the stored file could not be read (${err.message})`));
    };
    const cleanup = () => {
      archive.off('entry', onEntry);
      archive.off('error', onError);
      source.stream.off('error', onSourceError);
    };
    archive.on('entry', onEntry);
    archive.on('error', onError);
    source.stream.on('error', onSourceError);
    archive.append(source.stream.pipe(counted), { name: entry.zipName, date: new Date(entry.uploadedAt), store: storeUncompressed(entry.mimeType) });
  });
  if (seen !== entry.size) throw new DamagedEntry(entry.documentId, `the stored file ended after ${seen} of its ${entry.size} bytes`);
  return hash.digest('hex') === entry.sha256 ? 'included' : 'included, but its SHA-256 differs from the one recorded at upload';
}
