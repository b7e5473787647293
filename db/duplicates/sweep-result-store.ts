import { estimatedCount } from '../estimated-count';
import { counterCollection, DuplicateGroup, sweepResultChunkCollection } from '../models/index';

const META_ID = 'sweep-result';
const PER_CHUNK = 10_000;
const chunkKey = (n: number) => `result:${n}`;

/**
 * What the last finished sweep left on each contact it grouped: contact id
 * -> a signature of its group and score. Packed ten thousand to a document
 * (one value each on FerretDB), so a million-contact sweep reads its
 * previous result in seconds and writes only what differs.
 */
export async function loadSweepResult(): Promise<Map<string, string> & { discarded?: boolean }> {
  const meta = await counterCollection.findOne({ _id: META_ID });
  const out: Map<string, string> & { discarded?: boolean } = new Map<string, string>();
  // Groups are never deleted by the product; fewer than the result claims means
  // someone emptied the collection, and every group is written again.
  if (meta && (await estimatedCount(DuplicateGroup.collection.collectionName)) < (meta.groups ?? 0)) {
    out.discarded = true;
    return out;
  }
  for (let c = 0; c < ((meta?.chunks as number) ?? 0); c++) {
    const doc = await sweepResultChunkCollection.findOne({ _id: chunkKey(c) });
    for (const [id, signature] of JSON.parse(doc?.json ?? '[]') as [string, string][]) out.set(id, signature);
  }
  return out;
}

/** Replaces the stored result; called after the writes it describes, so it never claims more than is stored. */
export async function saveSweepResult(result: Map<string, string>): Promise<void> {
  const entries = [...result];
  const groups = new Set(entries.map(([, signature]) => signature)).size;
  const chunks = Math.ceil(entries.length / PER_CHUNK);
  for (let c = 0; c < chunks; c++) {
    await sweepResultChunkCollection.replaceOne({ _id: chunkKey(c) }, { json: JSON.stringify(entries.slice(c * PER_CHUNK, (c + 1) * PER_CHUNK)) }, { upsert: true });
  }
  const before = await counterCollection.findOne({ _id: META_ID });
  await counterCollection.updateOne({ _id: META_ID }, { $set: { chunks, groups } }, { upsert: true });
  for (let c = chunks; c < (before?.chunks ?? 0); c++) await sweepResultChunkCollection.deleteOne({ _id: chunkKey(c) });
}

/** A contact's place in a sweep's result: its group and the group's score (rounded, so float noise is no change). */
export const resultSignature = (groupId: string, score: number) => `${groupId}:${score.toFixed(4)}`;
