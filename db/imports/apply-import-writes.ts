import { Binary, BSON } from 'mongodb';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Types } from 'mongoose';
import type { NewContact, PlannedWrites } from '../../domain/imports/plan-import-batch';
import { recordContactChanges } from '../contacts/contact-changes';
import { toListRow } from '../../domain/contacts/contact-list-row';
import { Contact, contactCollection } from '../models/index';
import { newContactDocument, type NewContactDocument } from '../contacts/new-contact-document';
import { insertMissing } from '../insert-missing';
import { typedCollection } from '../typed-collection';

/** A batch's writes as stored in the ledger: full new contact documents, and per changed contact its fields' values before and after. */
export type StoredWrites = { inserts: NewContactDocument[]; updates: PlannedWrites['updates'] };

// New contacts go in as the whole documents newContactDocument built.
const newContacts = typedCollection<NewContactDocument>(Contact);

/** Full contact documents for the new contacts (schema defaults filled), ready to insert as they are. */
export function toStoredWrites(writes: PlannedWrites, o: { actorId: string; now: Date }): StoredWrites {
  const actorId = Types.ObjectId.isValid(o.actorId) ? new Types.ObjectId(o.actorId) : undefined;
  const inserts = writes.inserts.map((c: NewContact) => newContactDocument(c, { _id: new Types.ObjectId(c._id), actorId, now: o.now }));
  return { inserts, updates: writes.updates };
}

/**
 * EJSON keeps ObjectIds and dates exact through the ledger; deflated,
 * because FerretDB's time goes by the bytes it stores and a batch's new
 * contacts are most of them (about 700 KB of EJSON, 90 KB deflated).
 */
export function storeWrites(writes: StoredWrites): Binary {
  return new Binary(deflateRawSync(BSON.EJSON.stringify(writes, { relaxed: false }), { level: 1 }));
}

/**
 * Performs a planned batch. Safe to repeat: inserts of contacts that already
 * exist are ignored (same _id), and updates set absolute values.
 */
export async function applyImportWrites(writes: StoredWrites, o: { importId: string; now: Date }): Promise<string[]> {
  // A repeated batch finds its contacts there already: only those this call inserted are described in the change log.
  const inserted = (await insertMissing(newContacts, writes.inserts)) as NewContactDocument[];
  if (writes.updates.length) {
    await contactCollection.bulkWrite(
      writes.updates.map((u) => ({ updateOne: { filter: { _id: new Types.ObjectId(u.id) }, update: { $set: { updatedAt: o.now, ...u.set } } } })),
      { ordered: false },
    );
  }
  const ids = [...writes.inserts.map((d) => d._id), ...writes.updates.map((u) => new Types.ObjectId(u.id))];
  await recordContactChanges(ids, `import:${o.importId}`, { listRows: inserted.map(toListRow) });
  return ids.map(String);
}

export function parseStoredWrites(stored: Binary): StoredWrites {
  return BSON.EJSON.parse(inflateRawSync(stored.buffer).toString('utf8'), { relaxed: true }) as StoredWrites;
}
