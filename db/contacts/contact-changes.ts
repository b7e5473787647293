import { Types } from 'mongoose';
import type { ContactListRow } from '../../domain/contacts/contact-list-row';
import { contactChangeCollection, Counter } from '../models/index';

const COUNTER_ID = 'contact-changes';

/**
 * The _id of change number `seq`: a string, because FerretDB serves _id
 * look-ups from its index only for strings and ObjectIds (a number scans the
 * whole log). Zero-padded so the keys also sort in order.
 */
export const changeKey = (seq: number) => `c${String(seq).padStart(12, '0')}`;
// A writer that took a number but died before writing its entry leaves a gap;
// readers skip a gap this old rather than wait for it forever.
const GAP_TIMEOUT_MS = 15_000;

/**
 * Records that these contacts changed (created, edited, merged, deleted). Call after the write.
 * `source` tags bookkeeping writes ('sweep') and an import's own writes ('import:<id>'), so a reader can skip its own.
 */
export async function recordContactChanges(ids: Types.ObjectId[], source?: string, o: { listRows?: ContactListRow[] } = {}): Promise<void> {
  if (ids.length === 0) return;
  // The list rows of contacts whose whole document the writer had (an import's new contacts), so the contacts list
  // index takes them from here instead of reading each contact again: at 100,000 imported contacts that was
  // 90,000 look-ups by the web server while the import was writing.
  const listRows = o.listRows?.length ? { listRows: JSON.stringify(o.listRows) } : {};
  // If two writers ever get the same number (a racing first upsert, or an
  // engine without atomic find-and-modify), the second insert fails on the
  // duplicate _id and takes the next number: an entry is never overwritten.
  for (let attempt = 1; ; attempt++) {
    try {
      const counter = await Counter.findOneAndUpdate({ _id: COUNTER_ID }, { $inc: { seq: 1 }, $set: { at: new Date() } }, { upsert: true, returnDocument: 'after' }).lean();
      await contactChangeCollection.insertOne({ _id: changeKey(counter!.seq), packedIds: ids.map(String).join(','), at: new Date(), ...(source ? { source } : {}), ...listRows });
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000 || attempt >= 10) throw err;
    }
  }
}

export async function currentChangeSeq(): Promise<{ seq: number; at?: Date }> {
  const counter = await Counter.findOne({ _id: COUNTER_ID }).lean();
  return { seq: counter?.seq ?? 0, at: counter?.at ?? undefined };
}

export type ChangeBatch = {
  upTo: number;
  ids: Types.ObjectId[];
  /** With withListRows: rows carried by the log for contacts no later entry of the batch changed again. */
  listRows?: Map<string, ContactListRow>;
};

/**
 * A missing entry is a writer that took the number and died (or is about to
 * write it). It is given up on when a later entry was written more than
 * GAP_TIMEOUT_MS ago, or, with no later entry, when the counter last moved
 * that long ago. (The counter's own time moves with every write, so during
 * a busy import it alone would never let a dead gap pass.)
 */
async function gapIsDead(n: number, seq: number, counterAt: Date | undefined): Promise<boolean> {
  for (let later = n + 1; later <= seq && later <= n + 50; later++) {
    const entry = await contactChangeCollection.findOne({ _id: changeKey(later) }, { projection: { at: 1 } });
    if (entry) return Date.now() - entry.at.getTime() > GAP_TIMEOUT_MS;
  }
  return !!counterAt && Date.now() - counterAt.getTime() > GAP_TIMEOUT_MS;
}

// Entries read side by side: a reader that is a few entries behind (the
// contacts list during an import) waits for one round trip, not one each.
const READ_SIDE_BY_SIDE = 16;

/** Entries after `since`, read by _id; stops at a fresh gap so no change is ever skipped early. */
export async function readContactChangesSince(since: number, maxEntries = 500, o: { skipSource?: string; withListRows?: boolean; onSeq?: (seq: number) => void } = {}): Promise<ChangeBatch> {
  const { seq, at } = await currentChangeSeq();
  o.onSeq?.(seq);
  const ids: Types.ObjectId[] = [];
  const listRows = o.withListRows ? new Map<string, ContactListRow>() : undefined;
  let upTo = since;
  const last = Math.min(seq, since + maxEntries);
  for (let from = since + 1; from <= last; from += READ_SIDE_BY_SIDE) {
    const numbers = Array.from({ length: Math.min(READ_SIDE_BY_SIDE, last - from + 1) }, (_, k) => from + k);
    const entries = await Promise.all(numbers.map((n) => contactChangeCollection.findOne({ _id: changeKey(n) })));
    for (let k = 0; k < numbers.length; k++) {
      const n = numbers[k]!;
      // Entries written before string keys have a numeric _id (which FerretDB looks up by scanning).
      const entry = entries[k] ?? (await contactChangeCollection.findOne({ _id: n }));
      if (!entry) {
        if (!(await gapIsDead(n, seq, at))) return { upTo, ids, listRows };
      } else if (!o.skipSource || entry.source !== o.skipSource) {
        const entryIds = typeof entry.packedIds === 'string' ? entry.packedIds.split(',').filter(Boolean).map((id) => new Types.ObjectId(id)) : (entry.ids ?? []);
        ids.push(...entryIds);
        if (listRows) {
          // A later entry's change makes an earlier carried row stale: only the last word on a contact counts.
          for (const id of entryIds) listRows.delete(String(id));
          if (typeof entry.listRows === 'string') for (const row of JSON.parse(entry.listRows) as ContactListRow[]) listRows.set(row.id, row);
        }
      }
      upTo = n;
    }
  }
  return { upTo, ids, listRows };
}
