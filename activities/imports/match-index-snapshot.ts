import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CompactMatchIndex, type CompactMatchIndexParts } from '../../domain/imports/compact-match-index';

/**
 * What a saved import match index was built from. A snapshot is used only
 * when all of it matches: the same database instance, the same preparation
 * (phone region, email rules) and the same format/keys version.
 */
export type MatchIndexSnapshotHeader = { version: number; databaseId: string; prepare: string; seq: number; count: number; pairs: number };

// Bump when the blocking keys, the fingerprint or the file layout change: older snapshots are then rebuilt.
export const MATCH_INDEX_SNAPSHOT_VERSION = 1;
const MAGIC = 'CBMI';

const bytesOf = (a: Uint8Array | Uint16Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Saves the index's typed arrays as they are (about 110 bytes a contact):
 * a worker's next import pass loads them in a second or two instead of
 * re-reading and re-preparing every contact (a minute at a million). Written
 * to a temporary file and renamed, so a reader never sees half of one.
 */
export async function saveMatchIndexSnapshot(path: string, header: Omit<MatchIndexSnapshotHeader, 'count' | 'pairs'>, index: CompactMatchIndex): Promise<void> {
  const parts = index.parts();
  const head = Buffer.from(JSON.stringify({ ...header, count: parts.count, pairs: parts.hashes.length } satisfies MatchIndexSnapshotHeader));
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(head.length, 4);
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const file = await open(tmp, 'w');
  try {
    for (const chunk of [prefix, head, bytesOf(parts.ids), bytesOf(parts.prints), bytesOf(parts.hashes), bytesOf(parts.slots)]) await writeAll(file, chunk);
  } finally {
    await file.close();
  }
  await rename(tmp, path).catch(async (err) => {
    await rm(tmp, { force: true });
    throw err;
  });
}

/** Reads a snapshot straight into a new index's arrays; undefined when there is none or it does not fit `accept`. */
export async function loadMatchIndexSnapshot(path: string, accept: (header: MatchIndexSnapshotHeader) => boolean): Promise<{ header: MatchIndexSnapshotHeader; index: CompactMatchIndex } | undefined> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return undefined;
  try {
    const prefix = Buffer.alloc(8);
    if ((await file.read(prefix, 0, 8, 0)).bytesRead !== 8 || prefix.toString('latin1', 0, 4) !== MAGIC) return undefined;
    const head = Buffer.alloc(prefix.readUInt32LE(4));
    await file.read(head, 0, head.length, 8);
    const header = JSON.parse(head.toString()) as MatchIndexSnapshotHeader;
    if (header.version !== MATCH_INDEX_SNAPSHOT_VERSION || !accept(header)) return undefined;
    const expected = 8 + head.length + header.count * 12 + header.count * 10 + header.pairs * 8;
    if ((await file.stat()).size !== expected) return undefined; // truncated or foreign: rebuild
    const { index, parts } = CompactMatchIndex.reserve(header.count, header.pairs);
    let position = 8 + head.length;
    for (const target of [parts.ids, parts.prints, parts.hashes, parts.slots] as CompactMatchIndexParts[keyof Omit<CompactMatchIndexParts, 'count'>][]) {
      await readAll(file, bytesOf(target), position);
      position += target.byteLength;
    }
    return { header, index };
  } catch {
    return undefined; // unreadable: the caller rebuilds from the database
  } finally {
    await file.close();
  }
}

async function writeAll(file: Awaited<ReturnType<typeof open>>, bytes: Uint8Array): Promise<void> {
  // In pieces: one write of a few hundred MB is refused by some platforms (2 GB limit) and holds the event loop.
  for (let at = 0; at < bytes.length; ) at += (await file.write(bytes, at, Math.min(bytes.length - at, 16 * 1024 * 1024))).bytesWritten;
}

async function readAll(file: Awaited<ReturnType<typeof open>>, into: Uint8Array, position: number): Promise<void> {
  for (let at = 0; at < into.length; ) {
    const { bytesRead } = await file.read(into, at, Math.min(into.length - at, 16 * 1024 * 1024), position + at);
    if (!bytesRead) throw new Error('snapshot ends early');
    at += bytesRead;
  }
}
