import { BSON } from 'mongodb';
import { Types } from 'mongoose';
import type { NewContact, PlannedWrites } from '../../domain/import/plan-import-batch';
import { recordContactChanges } from '../contact-changes';
import { Contact } from '../models/index';

/** The stored form of a batch's writes: EJSON keeps ObjectIds and dates exact through the ledger. */
export type StoredWrites = { inserts: Record<string, unknown>[]; updates: PlannedWrites['updates'] };

/** Full contact documents for the new contacts (schema defaults filled), ready to insert as they are. */
export function toStoredWrites(writes: PlannedWrites, o: { actorId: string; now: Date }): string {
  const actor = Types.ObjectId.isValid(o.actorId) ? new Types.ObjectId(o.actorId) : undefined;
  const inserts = writes.inserts.map((c: NewContact) => {
    const doc = new Contact({ ...c, _id: new Types.ObjectId(c._id), createdBy: actor, updatedBy: actor }).toObject({ depopulate: true, versionKey: false }) as Record<string, unknown>;
    return { ...doc, createdAt: o.now, updatedAt: o.now };
  });
  return BSON.EJSON.stringify({ inserts, updates: writes.updates } satisfies StoredWrites, { relaxed: false });
}

/**
 * Performs a planned batch. Safe to repeat: inserts of contacts that already
 * exist are ignored (same _id), and updates set absolute values.
 */
export async function applyImportWrites(stored: string, o: { importId: string; now: Date }): Promise<string[]> {
  const writes = BSON.EJSON.parse(stored, { relaxed: true }) as StoredWrites;
  if (writes.inserts.length) {
    await Contact.collection.insertMany(writes.inserts as never[], { ordered: false }).catch((err: { code?: number; writeErrors?: { code: number }[] }) => {
      const errors = err.writeErrors ?? [err];
      if (!errors.every((e) => e.code === 11000)) throw err;
    });
  }
  if (writes.updates.length) {
    await Contact.collection.bulkWrite(
      writes.updates.map((u) => ({ updateOne: { filter: { _id: new Types.ObjectId(u.id) }, update: { $set: { updatedAt: o.now, ...u.set } } } })),
      { ordered: false },
    );
  }
  const ids = [...writes.inserts.map((d) => d._id as Types.ObjectId), ...writes.updates.map((u) => new Types.ObjectId(u.id))];
  await recordContactChanges(ids, `import:${o.importId}`);
  return ids.map(String);
}

export function parseStoredWrites(stored: string): StoredWrites {
  return BSON.EJSON.parse(stored, { relaxed: true }) as StoredWrites;
}
