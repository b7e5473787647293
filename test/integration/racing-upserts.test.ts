import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { addNote } from '../../activities/notes/add-note';
import { linkedRecords } from '../../db/contacts/contact-links';
import { leaveReviewQueue } from '../../db/duplicates/review-queue-index';
import { recordNotDuplicatePair } from '../../db/duplicates/suggestions';
import { reviewQueueChunkCollection } from '../../db/models/index';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { openTestEnv, type TestEnv } from '../support/test-env';

// Writes that upsert one _id from several requests at once (found by the load bench, issue #15 part 4): on FerretDB,
// which does not retry an upsert that lost the race for a missing _id, one of two staff adding a note to the same
// contact at the same moment got a 500.
describe('upserts racing for one missing _id', () => {
  let env: TestEnv;
  const actor = { id: new Types.ObjectId(), name: 'Racing Staff' };
  beforeAll(async () => {
    env = await openTestEnv('racing_upserts');
  });
  afterAll(() => env?.close());

  it('keeps every note that staff add to one contact at the same moment', async () => {
    const created = await createContact({ input: { firstName: 'Philippa', lastName: 'Raceway', phones: [], emails: [] }, actor, region: 'US' });
    if (!created.ok) throw new Error('contact not created');
    const storage = createGridFsStorage(mongoose.connection.db!);
    const notes = await Promise.all(
      Array.from({ length: 12 }, (_, k) => addNote({ contact: created.contact, html: `<p>Call ${k}</p>`, files: [], actor, storage, maxBytes: 1024 })),
    );
    const listed = await linkedRecords('note', created.contact._id);
    expect(listed.total).toBe(12);
    expect(new Set(listed.refs.map((r) => String(r.id)))).toEqual(new Set(notes.map((n) => String(n._id))));
  });

  it('keeps every group that staff resolve at the same moment out of the review queue', async () => {
    const groups = Array.from({ length: 12 }, (_, k) => `group-${k}`);
    await Promise.all(groups.map((g) => leaveReviewQueue(g)));
    const resolved = await reviewQueueChunkCollection.findOne({ _id: 'resolved' });
    expect(new Set(resolved?.ids as string[])).toEqual(new Set(groups));
  });

  it('records a "not a duplicate" pair marked twice at once', async () => {
    const [a, b] = [new Types.ObjectId(), new Types.ObjectId()];
    await expect(Promise.all(Array.from({ length: 6 }, () => recordNotDuplicatePair(a, b, actor)))).resolves.toHaveLength(6);
  });
});
