import { randomUUID } from 'node:crypto';
import { reviewQueueChunkCollection } from '../models/index';
import { openGroupsForQueue } from './duplicate-groups';

/** One open group as the queue orders and filters it. */
export type QueueEntry = [id: string, score: number, kinds: string, members: number];

const PER_CHUNK = 5_000;
const chunkKey = (n: number) => `queue:${n}`;
type Meta = { chunks: number; total: number; version: string };

/**
 * The review queue's order, most confident first, kept packed: a million
 * contacts give over a hundred thousand groups, and reading them all to
 * sort them (FerretDB reads no index but _id) took seconds per page. The
 * sweep rebuilds it when it has written its groups; resolving a group adds
 * it to a small "resolved" list that readers leave out until the next build.
 */
export async function rebuildReviewQueue(o: { added: QueueEntry[]; keepPrevious: boolean }): Promise<void> {
  const meta = await readMeta();
  let entries: QueueEntry[];
  let applied: string[] = [];
  if (!meta) {
    // Never built (a database from before the packed queue): once, from the groups themselves.
    entries = (await openGroupsForQueue()).map((g): QueueEntry => [g._id, g.score, g.kinds.join(','), g.members.length]);
    entries = entries.concat(o.added); // not push(...added): a first sweep adds 100,000+ groups, past the argument limit
  } else if (!o.keepPrevious) {
    entries = [...o.added];
    applied = await resolvedIds();
  } else {
    applied = await resolvedIds();
    const resolved = new Set(applied);
    const byId = new Map((await readChunks(meta)).filter((e) => !resolved.has(e[0])).map((e) => [e[0], e]));
    for (const e of o.added) byId.set(e[0], e);
    entries = [...byId.values()];
  }
  entries = [...new Map(entries.map((e) => [e[0], e])).values()].sort(queueOrder);
  const chunks = Math.ceil(entries.length / PER_CHUNK);
  for (let c = 0; c < chunks; c++) {
    await reviewQueueChunkCollection.replaceOne({ _id: chunkKey(c) }, { json: JSON.stringify(entries.slice(c * PER_CHUNK, (c + 1) * PER_CHUNK)) }, { upsert: true });
  }
  await reviewQueueChunkCollection.replaceOne({ _id: 'meta' }, { chunks, total: entries.length, version: randomUUID() }, { upsert: true });
  for (let c = chunks; c < (meta?.chunks ?? 0); c++) await reviewQueueChunkCollection.deleteOne({ _id: chunkKey(c) });
  // Only the resolutions this build took in leave the list; one made meanwhile stays until the next.
  if (applied.length) await reviewQueueChunkCollection.updateOne({ _id: 'resolved' }, { $pullAll: { ids: applied } });
}

/** A group staff resolved (merged, not a duplicate, skipped) leaves the queue now, not at the next sweep. */
export async function leaveReviewQueue(groupId: string): Promise<void> {
  await reviewQueueChunkCollection.updateOne({ _id: 'resolved' }, { $addToSet: { ids: groupId } }, { upsert: true });
}

let cache: { version: string; resolved: number; entries: QueueEntry[] } | undefined;

/** The open groups in queue order; read once per build and resolution, then served from memory. */
export async function openQueueEntries(): Promise<QueueEntry[]> {
  const meta = await readMeta();
  if (!meta) {
    // No sweep has built the queue yet (or a database from before it existed): build it now.
    await rebuildReviewQueue({ added: [], keepPrevious: true });
    return openQueueEntries();
  }
  const resolvedList = await resolvedIds();
  if (cache?.version === meta.version && cache.resolved === resolvedList.length) return cache.entries;
  const resolved = new Set(resolvedList);
  const entries = (await readChunks(meta)).filter((e) => !resolved.has(e[0]));
  cache = { version: meta.version, resolved: resolvedList.length, entries };
  return entries;
}

export function queueOrder(a: QueueEntry, b: QueueEntry): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

async function readMeta(): Promise<Meta | null> {
  const doc = await reviewQueueChunkCollection.findOne({ _id: 'meta' });
  return doc ? { chunks: doc.chunks ?? 0, total: doc.total ?? 0, version: doc.version ?? '' } : null;
}

async function resolvedIds(): Promise<string[]> {
  const doc = await reviewQueueChunkCollection.findOne({ _id: 'resolved' });
  return doc?.ids ?? [];
}

async function readChunks(meta: Meta): Promise<QueueEntry[]> {
  const docs = await Promise.all(Array.from({ length: meta.chunks }, (_, c) => reviewQueueChunkCollection.findOne({ _id: chunkKey(c) })));
  return docs.flatMap((d) => (d?.json ? (JSON.parse(d.json) as QueueEntry[]) : []));
}
