import type { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { addNote } from '../../activities/notes/add-note';
import { hashPassword } from '../../activities/auth/password';
import { Contact, DuplicateGroup, Note, StaffUser } from '../../db/models/index';
import { sessionCookieName } from '../../web/auth/cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin, startWebServer, TEST_ADMIN, type WebServer } from '../support/web-server';
import mongoose from 'mongoose';
import { createApp } from '../../web/app';
import { createGridFsStorage } from '../../storage/gridfs-storage';

// What staff see (issue #16): values as people read them, asked of the real web server.
describe('what staff see', () => {
  let env: TestEnv;
  let web: WebServer;
  let contactId: Types.ObjectId;
  const STAFF = { email: 'lee@test.local', password: 'staff member password' };
  let staff: { cookie: string; csrf: string };

  async function logIn(login: { email: string; password: string }) {
    const res = await fetch(`${web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: web.url }, body: new URLSearchParams(login) });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!.split(';')[0]!;
    const page = await (await fetch(`${web.url}/contacts`, { headers: { Cookie: cookie } })).text();
    return { cookie, csrf: /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]! };
  }
  const get = async (path: string) => (await fetch(web.url + path, { headers: { Cookie: staff.cookie } })).text();
  const post = (path: string, form: Record<string, string>) =>
    fetch(web.url + path, { method: 'POST', redirect: 'manual', headers: { Cookie: staff.cookie, Origin: web.url }, body: new URLSearchParams({ _csrf: staff.csrf, ...form }) });

  beforeAll(async () => {
    env = await openTestEnv('what_staff_see');
    web = await startWebServer(env);
    const admin = await createTestAdmin();
    await StaffUser.create({ name: 'Lee Staff', email: STAFF.email, role: 'staff', passwordHash: await hashPassword(STAFF.password) });
    const created = await createContact({
      input: { firstName: 'Renée', lastName: 'Müller', phones: [{ raw: '303.588.3491', primary: true }, { raw: '+44 20 7946 0958' }], emails: [{ address: 'Renee.Mueller@Example.COM' }], address: { city: 'Denver', region: 'CO' } },
      actor: { id: admin._id, name: 'Tess Admin' },
      region: 'US',
    });
    if (!created.ok) throw new Error('contact not created');
    contactId = created.contact._id;
    // A note from 12:22 UTC (the time set afterwards: Mongoose stamps its own on create).
    const note = await addNote({ contact: created.contact, html: '<p>Called about the deposition</p>', files: [], actor: { id: admin._id, name: 'Tess Admin' }, storage: undefined as never, maxBytes: 1 });
    await Note.collection.updateOne({ _id: note._id }, { $set: { createdAt: new Date('2026-12-01T12:22:00Z') } });
    staff = await logIn(STAFF);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('shows phones formatted for the firm\'s region (national at home, international abroad), emails lower-cased, names as typed', async () => {
    const profile = await get(`/contacts/${contactId}`);
    expect(profile).toContain('(303) 588-3491');
    expect(profile).toContain('+44 20 7946 0958');
    expect(profile).not.toContain('303.588.3491</a>');
    expect(profile).toContain('renee.mueller@example.com</a>');
    expect(profile).toContain('Renée Müller');
    const list = await get('/contacts');
    expect(list).toContain('(303) 588-3491');
    expect(list).toContain('renee.mueller@example.com');
  });

  it('takes a contact\'s timezone from the address when none was chosen', async () => {
    expect((await Contact.findById(contactId).lean())!.timezone).toBe('America/Denver');
    expect(await get(`/contacts/${contactId}`)).toMatch(/Denver — Mountain Time \(GMT-[67]\)/);
  });

  it('shows times in the firm\'s timezone until a staff member chooses theirs, and refuses a timezone that is not one', async () => {
    const before = await get(`/contacts/${contactId}`);
    expect(before).toContain('Dec 1, 2026, 6:22 AM CST');
    const account = await get('/account');
    expect(account).toContain('Chicago — Central Time');
    const bad = await post('/account/timezone', { timezone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('is not a timezone this server knows');
    const saved = await post('/account/timezone', { timezone: 'Europe/London' });
    expect(saved.status).toBe(303);
    expect(await get('/account?saved=1')).toContain('Times now show in Europe/London');
    const profile = await get(`/contacts/${contactId}`);
    expect(profile).toContain('Dec 1, 2026, 12:22 PM GMT');
    expect(profile).not.toContain(' UTC<');
    // Back to the firm's.
    await post('/account/timezone', { timezone: '' });
    expect(await get(`/contacts/${contactId}`)).toContain('6:22 AM CST');
  });

  it('says what a score has meant here once staff have decided enough pairs scored alike', async () => {
    const other = await createContact({ input: { firstName: 'Renee', lastName: 'Muller', phones: [{ raw: '303.588.3491' }] }, actor: { id: contactId, name: 'Test' }, region: 'US' });
    if (!other.ok) throw new Error('not created');
    const decided = (i: number, status: 'merged' | 'dismissed') => ({ _id: `decided-${i}`, members: [`m${i}a`, `m${i}b`], score: 0.995, kinds: ['phone'], reasons: [], status, sweepId: 'past', foundAt: new Date() });
    await DuplicateGroup.insertMany([...Array.from({ length: 10 }, (_, i) => decided(i, 'merged')), decided(10, 'dismissed'), decided(11, 'dismissed')]);
    await DuplicateGroup.create({ _id: 'open-renee', members: [String(contactId), String(other.contact._id)].sort(), score: 0.996, kinds: ['phone'], reasons: ['same phone'], status: 'open', sweepId: 'now', foundAt: new Date() });
    // The figure is read in the background; the page shows it once it is there.
    await expect.poll(async () => /Staff merged 10 of 12 suggestions scored like this/.test(await get('/duplicates')), { timeout: 10_000 }).toBe(true);
  });

  it('keeps ops wording from staff: links to the Temporal UI are for administrators, labelled for ops', async () => {
    const app = createApp({ temporal: env.temporal, taskQueue: env.taskQueue, temporalUiUrl: 'http://temporal-ui.example', storage: createGridFsStorage(mongoose.connection.db!) });
    const page = async (cookie: string) => (await app.request('http://localhost/duplicates', { headers: { Cookie: cookie } })).text();
    const asStaff = await page(staff.cookie);
    expect(asStaff).not.toMatch(/Temporal|workflow/i);
    const admin = await logIn(TEST_ADMIN);
    const asAdmin = await page(admin.cookie);
    expect(asAdmin).toContain('For ops:');
    expect(asAdmin).toContain('http://temporal-ui.example/namespaces/');
  });
});
