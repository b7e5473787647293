import { randomUUID } from 'node:crypto';
import { DuplicateGroup, ReviewQueueChunk, type DuplicateGroupDoc } from '../models/index';

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
    entries = ((await DuplicateGroup.collection.find({ status: 'open' }, { projection: { score: 1, kinds: 1, members: 1 } }).toArray()) as unknown as DuplicateGroupDoc[]).map(
      (g) => [g._id, g.score, g.kinds.join(','), g.members.length] as QueueEntry,
    );
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
    await ReviewQueueChunk.collection.replaceOne({ _id: chunkKey(c) } as never, { json: JSON.stringify(entries.slice(c * PER_CHUNK, (c + 1) * PER_CHUNK)) } as never, { upsert: true });
  }
  await ReviewQueueChunk.collection.replaceOne({ _id: 'meta' } as never, { chunks, total: entries.length, version: randomUUID() } as never, { upsert: true });
  for (let c = chunks; c < (meta?.chunks ?? 0); c++) await ReviewQueueChunk.collection.deleteOne({ _id: chunkKey(c) } as never);
  // Only the resolutions this build took in leave the list; one made meanwhile stays until the next.
  if (applied.length) await ReviewQueueChunk.collection.updateOne({ _id: 'resolved' } as never, { $pullAll: { ids: applied } } as never);
}

/** A group staff resolved (merged, not a duplicate, skipped) leaves the queue now, not at the next sweep. */
export async function leaveReviewQueue(groupId: string): Promise<void> {
  await ReviewQueueChunk.collection.updateOne({ _id: 'resolved' } as never, { $addToSet: { ids: groupId } } as never, { upsert: true });
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
  return (await ReviewQueueChunk.collection.findOne({ _id: 'meta' } as never)) as unknown as Meta | null;
}

async function resolvedIds(): Promise<string[]> {
  const doc = await ReviewQueueChunk.collection.findOne({ _id: 'resolved' } as never);
  return (doc?.ids as string[] | undefined) ?? [];
}

async function readChunks(meta: Meta): Promise<QueueEntry[]> {
  const docs = await Promise.all(Array.from({ length: meta.chunks }, (_, c) => ReviewQueueChunk.collection.findOne({ _id: chunkKey(c) } as never)));
  return docs.flatMap((d) => (d ? (JSON.parse(d.json as string) as QueueEntry[]) : []));
}
