import type { mongo } from 'mongoose';
import { changeKey } from '../contacts/contact-changes';
import { Counter } from '../models/index';

/** An entry of a sequenced log as stored: _id is changeKey(seq). */
export type SequencedEntry = { _id: string; at: Date };

// A writer that took a number but died before writing its entry leaves a gap;
// readers skip a gap this old rather than wait for it forever.
const GAP_TIMEOUT_MS = 15_000;
// Entries read side by side: a reader a few entries behind waits for one round trip, not one each.
const READ_SIDE_BY_SIDE = 16;

/**
 * A log of numbered entries that read models (the in-memory indexes of the
 * web server) catch up on by reading entries by _id, the one look-up every
 * MongoDB-wire engine serves from an index (FerretDB v1 scans for anything
 * else). The counter `counterId` hands out the numbers; the contact change
 * log (db/contacts/contact-changes.ts) works the same way with a few extras
 * of its own.
 */
export class SequencedLog<T extends SequencedEntry> {
  constructor(
    private readonly counterId: string,
    private readonly collection: mongo.Collection<T>,
  ) {}

  /** Writes an entry under the next number; call after the write it records. Returns that number. */
  async append(fields: Omit<T, '_id' | 'at'>): Promise<number> {
    // Two writers given the same number (a racing first upsert) collide on _id: the second takes the next number.
    for (let attempt = 1; ; attempt++) {
      try {
        const counter = await Counter.findOneAndUpdate({ _id: this.counterId }, { $inc: { seq: 1 }, $set: { at: new Date() } }, { upsert: true, returnDocument: 'after' }).lean();
        const seq = counter!.seq as number;
        await this.collection.insertOne({ ...fields, _id: changeKey(seq), at: new Date() } as unknown as mongo.OptionalUnlessRequiredId<T>);
        return seq;
      } catch (err) {
        if ((err as { code?: number }).code !== 11000 || attempt >= 10) throw err;
      }
    }
  }

  /** The _id of entry `seq`. */
  keyOf(seq: number): string {
    return changeKey(seq);
  }

  /** The last number handed out and when (0 when nothing was ever written). */
  async current(): Promise<{ seq: number; at?: Date }> {
    const counter = await Counter.findOne({ _id: this.counterId }).lean();
    return { seq: counter?.seq ?? 0, at: counter?.at ?? undefined };
  }

  /** Entries after `since`, oldest first; stops at a fresh gap so no entry is ever skipped early. */
  async readSince(since: number, maxEntries = 500): Promise<{ upTo: number; seq: number; entries: T[] }> {
    const { seq, at } = await this.current();
    const entries: T[] = [];
    let upTo = since;
    const last = Math.min(seq, since + maxEntries);
    for (let from = since + 1; from <= last; from += READ_SIDE_BY_SIDE) {
      const numbers = Array.from({ length: Math.min(READ_SIDE_BY_SIDE, last - from + 1) }, (_, k) => from + k);
      const found = await Promise.all(numbers.map((n) => this.collection.findOne({ _id: changeKey(n) } as mongo.Filter<T>)));
      for (let k = 0; k < numbers.length; k++) {
        const entry = found[k] as T | null;
        if (entry) entries.push(entry);
        else if (!(await this.gapIsDead(numbers[k]!, seq, at))) return { upTo, seq, entries };
        upTo = numbers[k]!;
      }
    }
    return { upTo, seq, entries };
  }

  /**
   * A missing entry is given up on when a later entry was written more than
   * GAP_TIMEOUT_MS ago, or, with no later entry, when the counter last moved
   * that long ago.
   */
  private async gapIsDead(n: number, seq: number, counterAt: Date | undefined): Promise<boolean> {
    for (let later = n + 1; later <= seq && later <= n + 50; later++) {
      const entry = (await this.collection.findOne({ _id: changeKey(later) } as mongo.Filter<T>, { projection: { at: 1 } })) as T | null;
      if (entry) return Date.now() - entry.at.getTime() > GAP_TIMEOUT_MS;
    }
    return !!counterAt && Date.now() - counterAt.getTime() > GAP_TIMEOUT_MS;
  }
}
