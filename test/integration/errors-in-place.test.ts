import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { createSession, hashToken } from '../../activities/auth/sessions';
import { MergeRecord, Session } from '../../db/models/index';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { createApp } from '../../web/app';
import { sessionCookieName } from '../../web/auth/cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin } from '../support/web-server';

// Errors that lead somewhere (issue #16): a failed form comes back in place with the message and what was typed;
// a background start that cannot happen (Temporal down) says what failed, changes nothing and offers to try again.
// The app runs in this process with a Temporal client pointed where nothing answers: a real connection, a dead port.
describe('errors that lead somewhere', () => {
  let env: TestEnv;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  let csrf: string;
  const ids: string[] = [];
  const ORIGIN = 'http://localhost';

  beforeAll(async () => {
    env = await openTestEnv('errors_in_place');
    const admin = await createTestAdmin();
    const deadTemporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:9', connectTimeout: 1000 }) });
    app = createApp({ temporal: deadTemporal, taskQueue: 'nowhere', storage: createGridFsStorage(mongoose.connection.db!) });
    for (const firstName of ['Peggy', 'Margaret']) {
      const r = await createContact({ input: { firstName, lastName: 'Olsen', phones: [{ raw: '312 555 0144' }] }, actor: { id: admin._id, name: 'Tess Admin' }, region: 'US' });
      if (!r.ok) throw new Error('not created');
      ids.push(String(r.contact._id));
    }
    const token = await createSession(admin._id, 'test', new Date(Date.now() - 60_000));
    cookie = `${sessionCookieName()}=${token}`;
    csrf = (await Session.findById(hashToken(token)).lean())!.csrfToken;
  });
  afterAll(async () => {
    await env?.close();
  });

  const post = (path: string, body: BodyInit, referer?: string) =>
    app.request(`${ORIGIN}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: ORIGIN, 'X-CSRF-Token': csrf, ...(referer ? { Referer: referer } : {}) }, body });

  it('an empty note comes back on the profile with the reason by the note, not on an error page', async () => {
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('html', '<div><br></div>');
    const res = await post(`/contacts/${ids[0]}/notes`, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Write something in the note (or attach a file) before adding it.');
    expect(html).toContain('Peggy Olsen');
    expect(html).toContain('id="note-editor"');
    expect(html).not.toContain('Something went wrong');
  });

  it('a merge while Temporal is down returns to the merge screen with the records still chosen, and nothing changed', async () => {
    const res = await post(`/contacts/${ids[0]}/merge`, new URLSearchParams({ _csrf: csrf, with: ids[1]!, survivor: ids[0]!, phonesShown: '1', emailsShown: '1' }));
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('Location')!, ORIGIN);
    expect(back.pathname).toBe(`/contacts/${ids[0]}/merge`);
    expect(back.searchParams.get('with')).toBe(ids[1]);
    const page = await (await app.request(back.href, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('The merge could not be started: the background service that runs it is not answering. Nothing was changed; try again in a moment.');
    expect(page).toContain('Merge 2 contacts');
    expect(await MergeRecord.countDocuments()).toBe(0);
  }, 30_000);

  it('an empty CSV stays on the upload page with the reason', async () => {
    for (const [name, content] of [['empty.csv', ''], ['header-only.csv', 'First Name,Last Name,Email\n']] as const) {
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('file', new File([content], name, { type: 'text/csv' }));
      const res = await post('/settings/import', form);
      expect(res.status, name).toBe(422);
      const html = await res.text();
      expect(html, name).toMatch(/empty|no rows|has no/i);
      expect(html).toContain('Upload and preview');
      expect(html).not.toContain('Something went wrong');
    }
  });

  it('a sweep that cannot start says so, with the way back to try again', async () => {
    const res = await post('/duplicates/sweep', new URLSearchParams({ _csrf: csrf }), `${ORIGIN}/duplicates`);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('The sweep could not be started');
    expect(html).toContain('href="/duplicates">Back, to try again</a>');
  }, 30_000);
});
