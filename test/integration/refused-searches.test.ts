import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../activities/auth/password';
import { AuditEvent, StaffUser } from '../../db/models/index';
import { insertExistingContacts } from '../../scripts/fixtures/import-fixture';
import { sessionCookieName } from '../../web/auth/cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWebServer, type WebServer } from '../support/web-server';

// Issue #16: a search over 100 characters, or of only "*" or "[)(", showed every contact, and Export then exported
// everyone, so a staff member (who may export only a searched list) could export the whole firm with q=*. A search
// or filter that cannot be used is refused where the user sees it, lists no one, and refuses the export.
describe('searches and filters that cannot be used', () => {
  let env: TestEnv;
  let web: WebServer;
  let cookie = '';
  beforeAll(async () => {
    env = await openTestEnv('refused_searches');
    await insertExistingContacts(30); // before the server starts, so its list index is built over them
    web = await startWebServer(env);
    await StaffUser.create({ name: 'Sam Staff', email: 'sam@refused.local', role: 'staff', passwordHash: await hashPassword('staff member password') });
    const res = await fetch(`${web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: web.url }, body: new URLSearchParams({ email: 'sam@refused.local', password: 'staff member password' }) });
    cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!.split(';')[0]!;
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });
  const get = (path: string, htmx = false) => fetch(web.url + path, { redirect: 'manual', headers: { Cookie: cookie, ...(htmx ? { 'HX-Request': 'true' } : {}) } });
  const total = (html: string) => /data-testid="contact-total">([\d,]+)</.exec(html)?.[1];

  it('lists everyone with no search, and no one with a refused one, saying why', async () => {
    expect(total(await (await get('/contacts')).text())).toBe('30');
    for (const [q, reason] of [
      ['*', /has no letters or digits/],
      ['[)(', /has no letters or digits/],
      ['x'.repeat(101), /at most 100 characters; this one has 101/],
    ] as const) {
      for (const htmx of [false, true]) {
        const html = await (await get(`/contacts?q=${encodeURIComponent(q)}`, htmx)).text();
        expect(total(html), q).toBe('0');
        expect(html).toMatch(reason);
        expect(html).toContain('data-testid="filter-problems"');
        expect(html).not.toContain('data-testid="export-link"');
      }
    }
  });

  it('refuses a filter value that is not one of the options instead of dropping it', async () => {
    const html = await (await get('/contacts?appStatus=everyone')).text();
    expect(total(html)).toBe('0');
    expect(html).toMatch(/App status must be Installed or Not installed/);
    expect(await (await get(`/contacts?tag=${'t'.repeat(51)}`)).text()).toMatch(/A tag has at most 50 characters/);
  });

  it('never exports everyone for a refused search, and says so', async () => {
    const page = await (await get('/contacts/export?q=*')).text();
    expect(page).toMatch(/Nothing can be exported with these filters/);
    expect(page).toMatch(/data-testid="export-download" disabled/);
    const download = await get('/contacts/export/download?q=*&fields=firstName&fields=lastName&format=csv');
    expect(download.status).toBe(400);
    expect(download.headers.get('Content-Disposition')).toBeNull();
    expect(await download.text()).toMatch(/has no letters or digits to search for\. Search by a name, an email address or a phone number\. Nothing was exported\./);
    expect(await AuditEvent.exists({ action: 'contact.export-started' })).toBeNull();
    // The same for a refused filter that is not the search.
    expect((await get('/contacts/export/download?caseStatus=all&fields=firstName')).status).toBe(400);
  });

  it('still lets staff export a list they searched', async () => {
    const download = await get('/contacts/export/download?q=a&fields=firstName&format=csv');
    expect(download.status).toBe(200);
    expect(download.headers.get('Content-Disposition')).toMatch(/attachment/);
    await download.text();
  });
});
