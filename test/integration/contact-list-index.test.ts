import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactListIndexService, type ListQuery } from '../../activities/contacts/contact-list-index';
import { createContact } from '../../activities/contacts/create-contact';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { Contact } from '../../db/models/index';
import { toListRow } from '../../domain/contacts/contact-list-row';
import { insertExistingContacts, personDocument } from '../../scripts/fixtures/import-fixture';
import { openTestEnv, type TestEnv } from '../support/test-env';

// The in-memory contacts list (FerretDB) under bulk changes, found by the load bench (issue #15, part 4): every list
// request waited for the index to read an import batch's thousands of rows one by one, and stalled 20-30 s; during a
// rebuild the list fell back to FerretDB's full scans.
describe('contact list index', () => {
  let env: TestEnv;
  let index: ContactListIndexService;
  const everyone: ListQuery = { limit: 25, defaultRegion: 'US' };
  const BULK = 1_000;

  beforeAll(async () => {
    env = await openTestEnv('contact_list_index');
    await insertExistingContacts(100);
    index = new ContactListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-index-')), dbName: env.dbName, log: pino({ level: 'silent' }) });
    await index.start();
    await index.settled();
  });
  afterAll(() => env?.close());

  it('answers a list request while it applies a bulk change, and holds every row once the change is applied', async () => {
    expect((await index.query(everyone))!.total).toBe(100);
    // An import batch: many contacts written, one change entry.
    const docs = Array.from({ length: BULK }, (_, k) => personDocument(k, 2));
    await Contact.collection.insertMany(docs, { ordered: false, ignoreUndefined: true });
    await recordContactChanges(docs.map((d) => d._id), 'import:test');

    const order: string[] = [];
    const applied = index.catchUp().then(() => order.push('bulk applied'));
    const during = await index.query(everyone);
    order.push('list answered');
    await applied;
    expect(order).toEqual(['list answered', 'bulk applied']);
    expect(during!.total).toBeLessThan(100 + BULK);
    expect((await index.query(everyone))!.total).toBe(100 + BULK);
  });

  it("shows a staff member's own new contact on the list they go back to", async () => {
    const created = await createContact({ input: { firstName: 'Ottilie', lastName: 'Quennell', phones: [], emails: [] }, actor: { id: new Types.ObjectId(), name: 'Test' }, region: 'US' });
    if (!created.ok) throw new Error('contact not created');
    const contact = created.contact;
    const page = await index.query({ ...everyone, q: 'quennell' });
    expect(page!.rows.map((r) => r.id)).toEqual([String(contact._id)]);
  });

  it("takes an import's new contacts from the rows the change log carries, and a later change to one of them from the database", async () => {
    const before = (await index.query(everyone))!.total;
    const docs = Array.from({ length: 300 }, (_, k) => personDocument(k, 4));
    await Contact.collection.insertMany(docs, { ordered: false, ignoreUndefined: true });
    // As the import writes them: the rows of the documents it inserted ride with the change (toListRow of each).
    const rows = docs.map((d) => ({ ...toListRow(d), name: `${toListRow(d).name} (as imported)` }));
    await recordContactChanges(docs.map((d) => d._id), 'import:test', { listRows: rows });
    // Then staff rename the first of them.
    await Contact.updateOne({ _id: docs[0]!._id }, { $set: { firstName: 'Renamed', sortName: 'aaaa renamed', nameTokens: ['aaaa', 'renamed'] } });
    await recordContactChanges([docs[0]!._id]);
    await index.catchUp();
    expect((await index.query(everyone))!.total).toBe(before + 300);
    const second = (await index.query({ ...everyone, q: docs[1]!.lastName }))!.rows.find((r) => r.id === String(docs[1]!._id));
    expect(second?.name).toMatch(/\(as imported\)$/);
    const first = (await index.query({ ...everyone, q: 'renamed' }))!.rows;
    expect(first.map((r) => r.id)).toEqual([String(docs[0]!._id)]);
    expect(first[0]!.name).not.toMatch(/as imported/);
  });

  it('keeps answering from the index it has while it rebuilds', async () => {
    const before = (await index.query(everyone))!.total;
    const rebuilt = index.rebuild();
    const during = await index.query(everyone);
    expect(during?.total).toBe(before);
    await rebuilt;
    expect((await index.query(everyone))!.total).toBe(before);
  });
});
