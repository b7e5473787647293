import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { hashPassword } from '../../activities/auth/password';
import { createSession } from '../../activities/auth/sessions';
import { AuditEvent, ImportJob, Session, StaffUser } from '../../db/models/index';
import { sessionCookieName } from '../../web/auth/cookie';
import { WORK_LIMITS } from '../../activities/auth/limit-work';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin, startWebServer, TEST_ADMIN, type WebServer } from '../support/web-server';

// Roles (issue #15): one middleware enforces the permission table; these are asked of the real server as a staff
// member (not an admin) would, and as an admin who disables them.
describe('staff roles', () => {
  let env: TestEnv;
  let web: WebServer;
  const STAFF = { email: 'sam@test.local', password: 'staff member password' };
  let staffId: Types.ObjectId;
  let adminId: Types.ObjectId;

  type Signed = { cookie: string; csrf: string };
  async function logIn(login: { email: string; password: string }): Promise<Signed & { status: number }> {
    const res = await fetch(`${web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: web.url }, body: new URLSearchParams(login) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`));
    const cookie = set ? set.split(';')[0]! : '';
    if (!cookie) return { status: res.status, cookie, csrf: '' };
    const page = await (await fetch(`${web.url}/contacts`, { headers: { Cookie: cookie } })).text();
    return { status: res.status, cookie, csrf: /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]! };
  }
  const get = (who: Signed, path: string) => fetch(web.url + path, { redirect: 'manual', headers: { Cookie: who.cookie } });
  const post = (who: Signed, path: string, form: Record<string, string> = {}) =>
    fetch(web.url + path, { method: 'POST', redirect: 'manual', headers: { Cookie: who.cookie, Origin: web.url }, body: new URLSearchParams({ _csrf: who.csrf, ...form }) });

  let staff: Signed;
  let admin: Signed;

  beforeAll(async () => {
    env = await openTestEnv('staff_roles');
    web = await startWebServer(env);
    adminId = (await createTestAdmin())._id;
    staffId = (await StaffUser.create({ name: 'Sam Staff', email: STAFF.email, role: 'staff', passwordHash: await hashPassword(STAFF.password) }))._id;
    await createContact({ input: { firstName: 'Ada', lastName: 'Lovelace' }, actor: { id: adminId, name: 'Test' }, region: 'US' });
    staff = await logIn(STAFF);
    admin = await logIn(TEST_ADMIN);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('keeps staff out of Admin: staff users, the schedule and demo data, with a page that says why', async () => {
    for (const path of ['/admin', '/admin/dedupe-schedule']) {
      const res = await get(staff, path);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Only administrators can');
    }
    expect((await post(staff, '/admin/staff', { name: 'Eve', email: 'eve@test.local', role: 'admin', password: 'a long enough password' })).status).toBe(403);
    expect(await StaffUser.exists({ email: 'eve@test.local' })).toBeNull();
    expect((await post(staff, '/admin/dedupe-schedule/pause')).status).toBe(403);
    expect((await post(staff, '/admin/demo-data', { contacts: '10' })).status).toBe(403);
    // Nor does the page offer it.
    expect(await (await get(staff, '/contacts')).text()).not.toContain('href="/admin"');
    expect(await (await get(admin, '/contacts')).text()).toContain('href="/admin"');
  });

  it('lets staff export a searched list but not every contact', async () => {
    const all = await get(staff, '/contacts/export/download?fields=firstName&fields=lastName&format=csv');
    expect(all.status).toBe(403);
    expect(await all.text()).toContain('export all contacts');
    // A search that is refused (over 100 characters) does not make the export "everyone" for staff either: it exports no one.
    const refused = await get(staff, `/contacts/export/download?fields=firstName&fields=lastName&q=${'a'.repeat(101)}`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Nothing was exported');
    const some = await get(staff, '/contacts/export/download?fields=firstName&fields=lastName&format=csv&q=Ada');
    expect(some.status).toBe(200);
    expect(await some.text()).toContain('Lovelace');
    expect((await get(admin, '/contacts/export/download?fields=firstName&fields=lastName&format=csv')).status).toBe(200);
    expect(await (await get(staff, '/contacts/export')).text()).toContain('Exporting every contact is for administrators');
  });

  it("lets staff undo their own import but not someone else's", async () => {
    const job = (id: string, createdBy: Types.ObjectId) => ({ _id: id, fileName: 'x.csv', fileKey: 'k', size: 1, status: 'ready', createdBy: String(createdBy), createdByName: 'x', createdAt: new Date(), updatedAt: new Date() });
    await ImportJob.collection.insertMany([job('import-of-admin', adminId), job('import-of-staff', staffId)] as never[]);
    const others = await post(staff, '/settings/import/import-of-admin/undo');
    expect(others.status).toBe(403);
    expect(await others.text()).toContain("undo another staff member&#39;s import");
    // Their own passes the permission check and meets the import's own rule (it never ran).
    expect((await post(staff, '/settings/import/import-of-staff/undo')).status).not.toBe(403);
    expect((await post(admin, '/settings/import/import-of-staff/undo')).status).not.toBe(403);
  });

  it('lets staff do the daily work: add a contact, start a suggest-only sweep', async () => {
    const created = await post(staff, '/contacts/new', { firstName: 'Grace', lastName: 'Hopper' });
    expect([200, 303]).toContain(created.status);
    const sweep = await post(staff, '/duplicates/sweep');
    expect(sweep.status).toBe(303);
    expect(sweep.headers.get('location')).toMatch(/^\/duplicates\?sweep=/);
  });

  it('limits how many sweeps one staff member starts in an hour, with a clear 429, and counts each person apart', async () => {
    const statuses: number[] = [];
    // One sweep was started by the test above; the hour allows WORK_LIMITS.sweeps.points.
    for (let i = 1; i < WORK_LIMITS.sweeps.points + 1; i++) statuses.push((await post(staff, '/duplicates/sweep')).status);
    expect(statuses.slice(0, -1).every((s) => s === 303)).toBe(true);
    const refused = await post(staff, '/duplicates/sweep');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await refused.text()).toContain(`You have started ${WORK_LIMITS.sweeps.points} duplicate sweeps in the last hour`);
    expect((await post(admin, '/duplicates/sweep')).status).toBe(303);
  });

  it('ends every session of a staff user an admin disables, at once, and lets them back when enabled', async () => {
    const second = await logIn(STAFF); // another device
    expect((await get(staff, '/contacts')).status).toBe(200);
    const disabled = await post(admin, `/admin/staff/${staffId}/disable`);
    expect(disabled.status).toBe(303);
    for (const device of [staff, second]) {
      const res = await get(device, '/contacts');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login/);
    }
    expect(await Session.countDocuments({ userId: staffId, revokedAt: null })).toBe(0);
    expect((await logIn(STAFF)).cookie).toBe('');
    expect(await AuditEvent.exists({ action: 'staff.disable', subjectId: staffId })).not.toBeNull();
    expect((await post(admin, `/admin/staff/${staffId}/enable`)).status).toBe(303);
    expect((await logIn(STAFF)).cookie).not.toBe('');
  });

  it('refuses a session opened just as its user was disabled, though the user was signed in a moment before', async () => {
    const other = await StaffUser.create({ name: 'Rae Racing', email: 'rae@test.local', role: 'staff', passwordHash: await hashPassword('another staff password') });
    const signedIn = await logIn({ email: 'rae@test.local', password: 'another staff password' });
    expect((await get(signedIn, '/contacts')).status).toBe(200); // the server now knows Rae as enabled
    expect((await post(admin, `/admin/staff/${other._id}/disable`)).status).toBe(303);
    // A login that checked Rae's password before the disable and writes its session after the revoke.
    const late = `${sessionCookieName()}=${await createSession(other._id, 'racing login')}`;
    const res = await get({ cookie: late, csrf: '' }, '/contacts');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });

  it('never lets an admin disable themselves (the firm would lose its way in)', async () => {
    const res = await post(admin, `/admin/staff/${adminId}/disable`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You cannot disable yourself');
    expect((await StaffUser.findById(adminId))!.disabledAt).toBeFalsy();
  });

  it('lets an admin reset a staff member\'s password, which ends their sessions; never their own, and never for staff', async () => {
    const reset = await logIn({ email: 'rae@test.local', password: 'another staff password' }).catch(() => undefined);
    expect(reset?.cookie ?? '').toBe(''); // Rae is disabled since the last test
    const signedIn = await logIn(STAFF);
    expect((await post(signedIn, `/admin/staff/${adminId}/password`, { password: 'a brand new password' })).status).toBe(403);
    const short = await post(admin, `/admin/staff/${staffId}/password`, { password: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Use at least 12 characters');
    expect((await post(admin, `/admin/staff/${adminId}/password`, { password: 'a brand new password' })).status).toBe(409);

    expect((await post(admin, `/admin/staff/${staffId}/password`, { password: 'a brand new password' })).status).toBe(303);
    const res = await get(signedIn, '/contacts');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
    expect((await logIn(STAFF)).cookie).toBe('');
    const fresh = await logIn({ email: STAFF.email, password: 'a brand new password' });
    expect((await get(fresh, '/contacts')).status).toBe(200);
    const event = await AuditEvent.findOne({ action: 'staff.password-reset', subjectId: staffId }).lean();
    expect(event).not.toBeNull();
    expect(JSON.stringify(event)).not.toContain('a brand new password');
    staff = fresh;
  });

  it('offers "Load demo data" only on an empty or demo database, and refuses it on the firm\'s own contacts', async () => {
    const page = await (await get(admin, '/admin')).text();
    expect(page).toContain('data-testid="demo-data-refused"');
    expect(page).not.toContain('action="/admin/demo-data"');
    const res = await post(admin, '/admin/demo-data', { contacts: '10' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Demo data is loaded only into an empty database or a demo one');
  });
});
