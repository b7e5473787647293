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

  it('builds from the change log when it accounts for every contact, and reads every contact when it does not', async () => {
    const fresh = () => new ContactListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-index-')), dbName: env.dbName, log: pino({ level: 'silent' }) });
    const idsOf = async (service: ContactListIndexService) => {
      const ids: string[] = [];
      for (let page = await service.query({ ...everyone, limit: 100 }); page; page = page.nextCursor ? await service.query({ ...everyone, limit: 100, after: page.nextCursor }) : undefined) ids.push(...page.rows.map((r) => r.id));
      return ids;
    };
    // This database's first 100 contacts were written without a change entry (as before the log existed).
    const scanned = fresh();
    await scanned.start();
    await scanned.settled();
    expect(scanned.lastBuild?.from).toBe('every contact');
    const expected = await idsOf(scanned);
    expect(expected).toEqual(await idsOf(index));

    // Once they are in the log too (as every writer now records them), the log alone rebuilds the same list.
    const unlogged = await Contact.find({}, { _id: 1 }).lean();
    await recordContactChanges(unlogged.map((c) => c._id));
    const fromLog = fresh();
    await fromLog.start();
    await fromLog.settled();
    expect(fromLog.lastBuild?.from).toBe('change log');
    expect(await idsOf(fromLog)).toEqual(expected);
    const renamed = (await fromLog.query({ ...everyone, q: 'renamed' }))!.rows;
    expect(renamed[0]?.name).not.toMatch(/as imported/);
  });

  it('keeps two web servers on one database current from the shared log, neither reading everything again', async () => {
    const second = new ContactListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-index-')), dbName: env.dbName, log: pino({ level: 'silent' }) });
    await second.start();
    await second.settled();
    // The earlier test logged every contact again (a bulk change, applied in the background): both take it in first.
    await Promise.all([index.catchUp(), second.catchUp()]);
    const builds = [index.lastBuild, second.lastBuild];
    const created = await createContact({ input: { firstName: 'Wenonah', lastName: 'Pettigrew', phones: [], emails: [] }, actor: { id: new Types.ObjectId(), name: 'Test' }, region: 'US' });
    if (!created.ok) throw new Error('contact not created');
    for (const server of [index, second]) expect((await server.query({ ...everyone, q: 'pettigrew' }))!.rows.map((r) => r.id)).toEqual([String(created.contact._id)]);
    expect((await second.query(everyone))!.total).toBe((await index.query(everyone))!.total);
    expect([index.lastBuild, second.lastBuild]).toEqual(builds); // caught up entry by entry, no rebuild
  });
});
