import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { MatchInput } from '../../domain/duplicates/match-record';
import { currentChangeSeq, readContactChangesSince } from '../contacts/contact-changes';
import { contactCollection, counterCollection, matchRecordChunkCollection } from '../models/index';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';

const CHUNK_SIZE = 1000;
const READ_AHEAD = 4;
const META_ID = 'match-records';
// String keys: FerretDB serves _id look-ups from its index only for strings and ObjectIds.
const chunkKey = (n: number) => `chunk:${n}`;
const MATCH_PROJECTION = { firstName: 1, middleName: 1, lastName: 1, dateOfBirth: 1, phones: 1, emails: 1, address: 1, mergedInto: 1 };

/**
 * Every live contact's matching fields, packed a thousand to a document as
 * one JSON string, and kept up to date from the contact change log. FerretDB
 * spends its time per stored value (about 180 µs per contact document, and as
 * much for the same fields as nested values); one string per thousand
 * contacts is a single value, so the sweep reads the contacts once and
 * afterwards only those that changed. The first call (or after the
 * database was emptied) builds it by scanning the contacts.
 */
export async function loadMatchInputs(onProgress: (read: number) => Promise<void>): Promise<{ inputs: MatchInput[] }> {
  const inputs: MatchInput[] = [];
  await streamMatchInputs((chunk) => inputs.push(...chunk), onProgress);
  return { inputs };
}

/**
 * The packed records chunk by chunk, so a reader need not hold them all (an
 * import's match index over a million contacts): each chunk is brought up
 * to date from the change log, written back if it changed, and handed
 * over; contacts new since the last read come last.
 */
export async function streamMatchInputs(onChunk: (inputs: MatchInput[]) => void, onProgress: (read: number) => Promise<void>): Promise<void> {
  const lease = await takeWriterLease();
  try {
    await streamWith(lease, onChunk, onProgress);
  } finally {
    if (lease) await lease.release().catch(() => undefined); // unreleased, it expires
  }
}

/**
 * The store is written by one reader at a time (the lease holder); others
 * read it as it stands and fetch what changed, writing nothing. Without the
 * lease, an import and a sweep that started together both built the store,
 * one deleting the chunks the other had written, and a third reader took
 * the missing chunks for empty ones: a sweep under the load-fault bench read
 * 12,925 of 20,000 contacts.
 */
async function streamWith(lease: WriterLease | undefined, onChunk: (inputs: MatchInput[]) => void, onProgress: (read: number) => Promise<void>): Promise<void> {
  const startSeq = (await currentChangeSeq()).seq;
  const meta = await counterCollection.findOne({ _id: META_ID });
  if (!meta) return rebuildStreaming(startSeq, lease, onProgress, onChunk);
  const write = async (c: number, records: (MatchInput | null)[]) => {
    if (lease) await matchRecordChunkCollection.replaceOne({ _id: chunkKey(c) }, { json: JSON.stringify(records) }, { upsert: true });
  };
  const changed = await changedContactIds(meta.seq ?? 0, startSeq);
  const seen = new Set<string>();
  const fresh = async (ids: string[]) => {
    const out = new Map<string, MatchInput | null>();
    for (let i = 0; i < ids.length; i += 16) {
      const docs = await Promise.all(ids.slice(i, i + 16).map((id) => contactCollection.findOne({ _id: new Types.ObjectId(id) }, { projection: MATCH_PROJECTION })));
      docs.forEach((doc, k) => out.set(ids[i + k]!, doc && !doc.mergedInto ? contactMatchInput(doc) : null));
    }
    return out;
  };
  let chunkCount = meta.chunks ?? 0;
  // The next chunks are read while this one is prepared: the database and this process work side by side.
  const read = (c: number) => {
    const doc = matchRecordChunkCollection.findOne({ _id: chunkKey(c) });
    doc.catch(() => undefined); // a failed read ahead surfaces when its turn comes, not as an unhandled rejection
    return doc;
  };
  const ahead: Promise<Awaited<ReturnType<typeof read>>>[] = [];
  for (let c = 0; c < Math.min(READ_AHEAD, chunkCount); c++) ahead.push(read(c));
  // The last chunk is handed over after it is topped up with new contacts, so chunks stay full.
  let last: (MatchInput | null)[] = [];
  for (let c = 0; c < chunkCount; c++) {
    const doc = await ahead.shift()!;
    if (c + READ_AHEAD < chunkCount) ahead.push(read(c + READ_AHEAD));
    // Never taken for an empty chunk: that would leave its thousand contacts out of the sweep or the import's matching.
    if (typeof doc?.json !== 'string') throw new Error(`match records chunk ${c} of ${chunkCount} is missing (the store is being rebuilt); read again`);
    let records = JSON.parse(doc.json) as (MatchInput | null)[];
    const stale = records.flatMap((r) => (r && changed.has(r.id) ? [r.id] : []));
    if (stale.length) {
      const now = await fresh(stale);
      records = records.map((r) => (r && now.has(r.id) ? now.get(r.id)! : r));
      stale.forEach((id) => seen.add(id));
      await write(c, records);
    }
    if (c === chunkCount - 1) last = records;
    else onChunk(records.filter((r): r is MatchInput => r !== null));
    if (c % 8 === 7) {
      await lease?.renew();
      await onProgress((c + 1) * CHUNK_SIZE);
    }
  }
  const added = [...changed].filter((id) => !seen.has(id));
  let c = Math.max(chunkCount - 1, 0);
  for (let i = 0; i < added.length || last.length; ) {
    const room = CHUNK_SIZE - last.length;
    const fetched = [...(await fresh(added.slice(i, i + room))).values()].filter((r): r is MatchInput => r !== null);
    i += room;
    if (fetched.length) {
      last = [...last, ...fetched];
      await write(c, last);
    }
    onChunk(last.filter((r): r is MatchInput => r !== null));
    if (last.length) chunkCount = Math.max(chunkCount, c + 1);
    last = [];
    c++;
  }
  if (lease) await counterCollection.updateOne({ _id: META_ID }, { $set: { seq: changed.upTo ?? startSeq, chunks: chunkCount } });
}

/**
 * Scans the contacts, handing each chunk over; nothing is held but the
 * chunk. The lease holder also writes the packed chunks as it goes (the
 * store's first build); any other reader only scans.
 */
async function rebuildStreaming(startSeq: number, lease: WriterLease | undefined, onProgress: (read: number) => Promise<void>, onChunk: (inputs: MatchInput[]) => void): Promise<void> {
  if (lease) await matchRecordChunkCollection.deleteMany({});
  let chunk: MatchInput[] = [];
  let chunks = 0;
  let read = 0;
  const flush = async () => {
    if (lease) await matchRecordChunkCollection.insertOne({ _id: chunkKey(chunks), json: JSON.stringify(chunk) });
    chunks++;
    onChunk(chunk);
    chunk = [];
  };
  for await (const c of contactCollection.find({}, { projection: MATCH_PROJECTION, batchSize: 2000 })) {
    if (c.mergedInto) continue;
    chunk.push(contactMatchInput(c));
    if (++read % 2000 === 0) {
      await lease?.renew();
      await onProgress(read);
    }
    if (chunk.length === CHUNK_SIZE) await flush();
  }
  if (chunk.length) await flush();
  if (lease) await counterCollection.updateOne({ _id: META_ID }, { $set: { seq: startSeq, chunks } }, { upsert: true });
}

type WriterLease = { renew: () => Promise<void>; release: () => Promise<void> };
const LEASE_ID = 'match-records-writer';
// Long enough for a database outage in the middle of a build; a crashed holder's lease lapses after it.
const LEASE_MS = 120_000;

/** The right to write the store, or undefined while another reader holds it. */
async function takeWriterLease(): Promise<WriterLease | undefined> {
  const owner = randomUUID();
  const claim = async (): Promise<boolean> => {
    const now = new Date();
    try {
      // Taken when free, lapsed or already ours; held by another, the upsert's insert meets the existing _id.
      const doc = await counterCollection.findOneAndUpdate(
        { _id: LEASE_ID, $or: [{ until: { $lt: now } }, { owner }] },
        { $set: { owner, until: new Date(now.getTime() + LEASE_MS) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc?.owner === owner;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  };
  if (!(await claim())) return undefined;
  return {
    renew: async () => {
      if (!(await claim())) throw new Error('another reader took over the match records while this one was writing them; read again');
    },
    release: async () => {
      await counterCollection.updateOne({ _id: LEASE_ID, owner }, { $set: { until: new Date(0) } });
    },
  };
}

/**
 * Contacts changed between two points of the change log; the sweep's own
 * bookkeeping writes are not changes. `upTo` is how far it could read: it
 * stops early at a fresh gap (an entry still being written), and the caller
 * must resume from there, not from `toSeq`, or the changes after the gap
 * would be lost.
 */
export async function changedContactIds(fromSeq: number, toSeq: number): Promise<Set<string> & { upTo?: number }> {
  const ids: Set<string> & { upTo?: number } = new Set<string>();
  let seq = fromSeq;
  while (seq < toSeq) {
    const batch = await readContactChangesSince(seq, 5000, { skipSource: 'sweep' });
    if (batch.upTo === seq) break; // a fresh gap: what is not yet readable is left for the next read
    for (const id of batch.ids) ids.add(String(id));
    seq = batch.upTo;
  }
  ids.upTo = Math.min(seq, toSeq);
  return ids;
}
