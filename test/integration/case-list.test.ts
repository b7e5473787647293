import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseListIndexService } from '../../activities/cases/case-list-index';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { config } from '../../config/config';
import { listCasesFromDatabase } from '../../db/cases/cases';
import { backfillCaseTitleWords } from '../../db/cases/backfill-case-title-words';
import { insertDemoRecords, type DemoCase } from '../../db/demo-data/demo-records';
import { Case, caseCollection } from '../../db/models/index';
import { CASE_STATUSES } from '../../domain/cases/case-fields';
import { parseCaseSearch } from '../../domain/cases/case-list-row';
import { generateDemoCase } from '../../domain/demo-data/generate-demo-activity';
import { sessionCookieName } from '../../web/auth/cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin, startWebServer, TEST_ADMIN, type WebServer } from '../support/web-server';

const silent = pino({ level: 'silent' });
const inMemory = config.CONTACT_LIST_INDEX !== 'database';
const CASES = 130;

// The case list (issue #21): from memory on FerretDB, fed by the case change log; from the database's indexes on
// MongoDB (the database-mode project runs this file again that way). Both answer the same.
describe('case list', () => {
  let env: TestEnv;
  let web: WebServer;
  let cookie: string;
  let admin: Awaited<ReturnType<typeof createTestAdmin>>;
  const get = (path: string) => fetch(web.url + path, { headers: { Cookie: cookie } });

  beforeAll(async () => {
    env = await openTestEnv('case_list');
    // Cases as the seed writes them (with their rows in the change log), and one saved through the model.
    const cases: DemoCase[] = Array.from({ length: CASES }, (_, k) => {
      const g = generateDemoCase(5, k, CASES * 4);
      return { _id: new Types.ObjectId(g.id), number: g.number, title: g.title, status: g.status, practiceArea: g.practiceArea, contacts: g.links.map((l) => ({ contactId: new Types.ObjectId(), role: l.role, linkedAt: new Date() })) };
    });
    await insertDemoRecords({ contacts: [], cases, messages: [], notes: [], linkLists: [], onKind: () => undefined });
    await Case.create({ number: '2027-000001', title: 'Zoë Müller v. Acme Corp.', status: 'pending' });
    admin = await createTestAdmin();
    web = await startWebServer(env);
    const res = await fetch(`${web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: web.url }, body: new URLSearchParams(TEST_ADMIN) });
    cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!.split(';')[0]!;
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('lists every case newest number first, pages, filters by status and searches number and title', async () => {
    await expect.poll(async () => (await get('/cases')).headers.get('x-case-list-source')).toBe(inMemory ? 'memory' : 'database');
    const first = await (await get('/cases')).text();
    expect(first).toContain(`<strong>${CASES + 1}</strong> cases`);
    expect(first.indexOf('2027-000001')).toBeLessThan(first.indexOf('2026-'));
    expect(first).toContain('Page 1 of 3');
    const third = await (await get('/cases?page=3')).text();
    expect((third.match(/<tr><td>/g) ?? []).length).toBe(CASES + 1 - 100);

    const closed = await Case.countDocuments({ status: 'closed' });
    expect(await (await get('/cases?status=closed')).text()).toContain(`<strong>${closed.toLocaleString('en-US')}</strong> case`);
    // Accents and case do not matter; words are matched by their beginnings.
    const zoe = await (await get(`/cases?q=${encodeURIComponent('zoe mül')}`)).text();
    expect(zoe).toContain('<strong>1</strong> case<');
    expect(zoe).toContain('Zoë Müller v. Acme Corp.');
    expect(await (await get('/cases?q=2027-0000')).text()).toContain('<strong>1</strong> case<');
    expect(await (await get('/cases?q=nobody%20at%20all')).text()).toContain('No cases match.');
  });

  it('answers every search from memory exactly as the database does', async () => {
    const page = (await Case.find({}, { title: 1 }).lean()).map((k) => k.title.split(' ')[0]!.slice(0, 4));
    const queries = [undefined, '2025', '2024-00001', 'v', ...page.slice(0, 6)];
    const index = new CaseListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-cases-')), dbName: env.dbName, log: silent });
    await index.start();
    await index.settled();
    for (const q of queries) {
      for (const status of [undefined, ...CASE_STATUSES]) {
        const f = { status, search: parseCaseSearch(q) };
        expect((await index.query(f, 1, 50))!, `${q} ${status}`).toEqual(await listCasesFromDatabase({ ...f, page: 1, perPage: 50 }));
      }
    }
  });

  it('shows a relinked case and a new case on the next request', async () => {
    const kase = (await Case.findOne({ number: '2027-000001' }).lean())!;
    await linkContactToCase({ caseId: kase._id, contactId: new Types.ObjectId(), role: 'client', actor: { id: admin._id, name: 'Tess Admin' } });
    const row = />2027-000001<\/a>[\s\S]*?<\/tr>/.exec(await (await get('/cases?q=2027-000001')).text())![0];
    expect(row).toContain('<td>1<span class="card-label"> contact</span></td>');
    await Case.create({ number: '2027-000002', title: 'Estate of Ávila', status: 'open' });
    expect(await (await get('/cases?q=avila')).text()).toContain('2027-000002');
  });

  it.runIf(inMemory)('restarts from its snapshot, and reads every case of a database older than the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'casebook-cases-'));
    const built = new CaseListIndexService({ dataDir, dbName: env.dbName, log: silent });
    await built.start();
    await built.settled();
    expect(built.lastBuild!.from).toBe('change log');
    const restarted = new CaseListIndexService({ dataDir, dbName: env.dbName, log: silent });
    await restarted.start();
    expect(restarted.lastBuild!.from).toBe('snapshot');
    expect(restarted.size).toBe(await Case.countDocuments());

    // A case written straight into the collection, as a database from before the log holds them.
    await caseCollection.insertOne({ _id: new Types.ObjectId(), number: '2019-000001', title: 'Old v. Case', status: 'closed', practiceArea: 'General', contacts: [] } as never);
    const older = new CaseListIndexService({ dataDir: mkdtempSync(join(tmpdir(), 'casebook-cases-')), dbName: env.dbName, log: silent });
    await older.start();
    await older.settled();
    expect(older.lastBuild!.from).toBe('every case');
    expect((await older.query({ search: parseCaseSearch('old case') }, 1, 10))!.rows.map((r) => r.number)).toEqual(['2019-000001']);
  });

  it('gives cases from before title words their words once, so the database path finds them by title', async () => {
    // Cases as a database from before the field holds them: straight into the collection, without titleWords.
    const old = ['Ancient Mariner v. Albatross Co.', 'Estate of Ölund'].map((title, k) => ({ _id: new Types.ObjectId(), number: `2018-00000${k + 1}`, title, status: 'closed', practiceArea: 'General', contacts: [] }));
    await caseCollection.insertMany(old as never);
    const byTitle = async (q: string) => (await listCasesFromDatabase({ search: parseCaseSearch(q), page: 1, perPage: 10 })).rows.map((r) => r.number);
    expect(await byTitle('mariner albatross')).toEqual([]);

    const lacking = await Case.countDocuments({ titleWords: { $exists: false } });
    const first = await backfillCaseTitleWords();
    expect(first).toEqual({ updated: lacking, skipped: false });
    expect(await byTitle('mariner albatross')).toEqual(['2018-000001']);
    expect(await byTitle('olund')).toEqual(['2018-000002']);
    expect(await Case.countDocuments({ titleWords: { $exists: false } })).toBe(0);
    // Done once: a later start does not look again.
    expect(await backfillCaseTitleWords()).toEqual({ updated: 0, skipped: true });
  });
});
