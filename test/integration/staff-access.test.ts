import { request } from 'node:http';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { hashPassword } from '../../activities/auth/password';
import { AuditEvent, StaffUser } from '../../db/models/index';
import { sessionCookieName } from '../../web/auth/cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin, startWebServer, TEST_ADMIN, type WebServer } from '../support/web-server';

// The holes issue #15 found by probing the dashboard as an attacker would: each is asked of the real server over HTTP.
describe('staff access holds against probing', () => {
  let env: TestEnv;
  let web: WebServer;
  let cookie = '';
  let csrf = '';
  let contactId = '';
  const get = (path: string, init: RequestInit = {}) => fetch(web.url + path, { redirect: 'manual', ...init, headers: { Cookie: cookie, ...init.headers } });
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) => get(path, { method: 'POST', body, headers: { Origin: web.url, ...headers } });

  async function logIn(next = '') {
    const res = await fetch(`${web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: web.url }, body: new URLSearchParams({ email: TEST_ADMIN.email, password: TEST_ADMIN.password, next }) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`));
    return { res, cookie: set ? set.split(';')[0]! : '' };
  }

  /** A login posted from a chosen loopback address (127.0.0.0/8 is all this machine), as a client elsewhere would. */
  function logInFrom(localAddress: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams(form).toString();
    const { hostname, port } = new URL(web.url);
    return new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
      const req = request({ host: hostname, port, path: '/login', method: 'POST', localAddress, agent: false, headers: { Origin: web.url, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), ...headers } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }
  const staff = async (email: string) => StaffUser.create({ name: email, email, role: 'staff', passwordHash: await hashPassword('the right password') });

  beforeAll(async () => {
    env = await openTestEnv('staff_access');
    web = await startWebServer(env);
    await createTestAdmin();
    ({ cookie } = await logIn());
    const page = await (await get('/contacts')).text();
    csrf = /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]!;
    const created = await createContact({ input: { firstName: 'Ada', lastName: 'Lovelace', phones: [{ raw: '+14155550134' }] }, actor: { id: new Types.ObjectId(), name: 'Test' }, region: 'US' });
    contactId = String(created.ok && created.contact._id);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('signed-in pages are not kept by the browser, so Back after logging out shows nothing', async () => {
    const list = await get('/contacts');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect((await get(`/contacts/${contactId}`)).headers.get('cache-control')).toBe('no-store');
    // The login page of a signed-out visitor is public and may be cached as usual.
    expect((await fetch(`${web.url}/login`)).headers.get('cache-control')).toBeNull();
  });

  it('refuses a JSON request from another site even when it carries the CSRF token', async () => {
    const res = await post(`/contacts/${contactId}/notes`, JSON.stringify({ body: 'pwned' }), { Origin: 'https://evil.example', 'Content-Type': 'application/json', 'X-CSRF-Token': csrf });
    expect(res.status).toBe(403);
    const fetchMeta = await post(`/contacts/${contactId}/notes`, JSON.stringify({ body: 'pwned' }), { Origin: '', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json', 'X-CSRF-Token': csrf });
    expect(fetchMeta.status).toBe(403);
    // A login posted from another site is refused too: no logging staff into an attacker's account.
    const login = await fetch(`${web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: 'https://evil.example' }, body: new URLSearchParams({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }) });
    expect(login.status).toBe(403);
  });

  it('never redirects off the site after login, and a next with CR/LF is a redirect home, not a 500', async () => {
    for (const next of ['/\t/evil.example', '/\\evil.example', '//evil.example', 'https://evil.example/', '/%0d%0aSet-Cookie:x=1']) {
      const { res } = await logIn(next);
      expect(res.status, next).toBe(303);
      const location = res.headers.get('location')!;
      expect(new URL(location, web.url).origin, next).toBe(web.url);
    }
    const signedIn = await get('/login?next=%2F%0d%0aSet-Cookie%3Ax%3D1');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toBeNull();
    expect((await logIn('/contacts?q=ada')).res.headers.get('location')).toBe('/contacts?q=ada');
  });

  it('a served document keeps its own sandboxing CSP next to the global security headers', async () => {
    const form = new FormData();
    form.append('files', new File(['%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'], 'retainer.pdf', { type: 'application/pdf' }));
    const up = await post(`/contacts/${contactId}/documents`, form, { Accept: 'application/json', 'X-CSRF-Token': csrf });
    expect(up.status).toBe(201);
    const { uploaded } = (await up.json()) as { uploaded: { id: string }[] };
    const res = await get(`/contacts/${contactId}/documents/${uploaded[0]!.id}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses an old-style compound Office file or installer', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const form = new FormData();
    form.append('files', new File([bytes], 'setup.msi'));
    const res = await post(`/contacts/${contactId}/documents`, form, { Accept: 'application/json', 'X-CSRF-Token': csrf });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { rejected: { reason: string }[] }).rejected[0]!.reason).toMatch(/Old-style Office files/);
  });

  it('an import upload carries its token in the form ahead of the file, never in the address', async () => {
    const page = await (await get('/settings/import')).text();
    expect(page).toContain('action="/settings/import"');
    expect(page).not.toContain('_csrf=');
    const upload = (fields: [string, string | File][]) => {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      return post('/settings/import', form);
    };
    const csv = () => new File(['First name,Last name\nGrace,Hopper\n'], 'people.csv', { type: 'text/csv' });
    expect((await upload([['file', csv()]])).status).toBe(403);
    expect((await upload([['_csrf', 'forged'], ['file', csv()]])).status).toBe(403);
    // After the file is too late: it would already have been stored.
    expect((await upload([['file', csv()], ['_csrf', csrf]])).status).toBe(403);
    // A refused file is said on the upload page itself, whose address carries no token.
    const bad = await upload([['_csrf', csrf], ['file', new File([], 'empty.csv')]]);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/data-testid="upload-error">The file is empty\./);
    const ok = await upload([['_csrf', csrf], ['file', csv()]]);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/settings\/import\/[0-9a-f]{24}$/);
  });

  it('an export is audited when it starts, so one aborted halfway still leaves a trace', async () => {
    const abort = new AbortController();
    const res = await get('/contacts/export/download?format=csv&fields=firstName&fields=lastName', { signal: abort.signal });
    expect(res.status).toBe(200);
    abort.abort();
    await expect.poll(() => AuditEvent.countDocuments({ action: 'contact.export-started' })).toBe(1);
    const started = await AuditEvent.findOne({ action: 'contact.export-started' }).lean();
    expect(started).toMatchObject({ actorName: TEST_ADMIN.name, details: { format: 'csv', fields: ['firstName', 'lastName'] } });
  });

  it('login limits count per socket address, so rotating X-Forwarded-For buys no guesses', async () => {
    await staff('rotating@test.local');
    for (let i = 0; i < 5; i++) {
      expect((await logInFrom('127.0.0.10', { email: 'rotating@test.local', password: `guess ${i}` }, { 'X-Forwarded-For': `198.51.100.${i}` })).status).toBe(401);
    }
    const blocked = await logInFrom('127.0.0.10', { email: 'rotating@test.local', password: 'the right password' }, { 'X-Forwarded-For': '198.51.100.99' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    // An unknown email is limited the same way, so the answers do not tell which emails are staff.
    for (let i = 0; i < 5; i++) expect((await logInFrom('127.0.0.11', { email: 'nobody@test.local', password: `guess ${i}` })).status).toBe(401);
    expect((await logInFrom('127.0.0.11', { email: 'nobody@test.local', password: 'x' })).status).toBe(429);
  });

  it('an attacker guessing from other addresses cannot lock the real user out', async () => {
    await staff('victim@test.local');
    // One address fails once, well inside its own limit; then 9 more fail 5 times each and are each stopped; a 10th fails 4 times: 50 in all.
    expect((await logInFrom('127.0.0.30', { email: 'victim@test.local', password: 'a typo' })).status).toBe(401);
    for (let a = 20; a < 29; a++) {
      for (let i = 0; i < 5; i++) expect((await logInFrom(`127.0.0.${a}`, { email: 'victim@test.local', password: `guess ${a}.${i}` })).status).toBe(401);
      expect((await logInFrom(`127.0.0.${a}`, { email: 'victim@test.local', password: `guess ${a}` })).status).toBe(429);
    }
    for (let i = 0; i < 4; i++) expect((await logInFrom('127.0.0.29', { email: 'victim@test.local', password: `guess 29.${i}` })).status).toBe(401);
    // Past 50 failures the account is closed to every address that failed on it, even with the right password...
    expect((await logInFrom('127.0.0.30', { email: 'victim@test.local', password: 'the right password' })).status).toBe(429);
    // ...while the real user, from an address that never failed, gets in.
    expect((await logInFrom('127.0.0.200', { email: 'victim@test.local', password: 'the right password' })).status).toBe(303);
  });

  it('after logging out the old cookie opens nothing', async () => {
    const out = await post('/logout', new URLSearchParams({ _csrf: csrf }));
    expect(out.status).toBe(303);
    const after = await get('/contacts');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
  });
});
