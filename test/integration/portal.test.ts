import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { sharePortalLink } from '../../activities/portal/share-portal-link';
import { remindBeforePortalExpiry } from '../../activities/portal/portal-link-activities';
import { replyToClient } from '../../activities/portal/portal-messages';
import { Case, Message, PortalLink, PortalLinkToken, PortalSession, type PortalLinkDoc } from '../../db/models/index';
import { hashPortalToken } from '../../db/portal/portal-links';
import { listOnPortal } from '../../db/documents/documents';
import { portalLinkResult, portalLinkTimeLeft, startPortalLinkWorkflow } from '../../temporal/portal-link';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { sessionCookieName } from '../../web/auth/cookie';
import { portalCookieName } from '../../web/portal/portal-cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { eventually, openOutboxRig, zoneWhereItIsNow, type OutboxRig } from '../support/outbox-rig';
import { createTestAdmin, startWebServer, TEST_ADMIN } from '../support/web-server';

// The client portal (issue #19) on the real servers: links shared through the outbox and captured by the capture
// server, PortalLinkWorkflow on a real worker, the portal over HTTP as a phone would use it, and the attacker beside each feature.
describe('Client portal', () => {
  let env: TestEnv;
  let rig: OutboxRig;
  let worker: WorkerProcess;
  let staffCookie = '';
  let staffCsrf = '';
  let actor: { id: Types.ObjectId; name: string };
  const url = (p: string) => rig.web.url + p;

  beforeAll(async () => {
    env = await openTestEnv('portal');
    rig = await openOutboxRig(env, 'portal');
    const admin = await createTestAdmin();
    actor = { id: admin._id, name: admin.name };
    worker = await startWorkerProcess({ ...env, role: 'general', extraEnv: rig.workerEnv });
    const login = await fetch(url('/login'), { method: 'POST', redirect: 'manual', headers: { Origin: rig.web.url }, body: new URLSearchParams({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }) });
    staffCookie = login.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!.split(';')[0]!;
    const page = await (await fetch(url('/contacts'), { headers: { Cookie: staffCookie } })).text();
    staffCsrf = /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]!;
  }, 120_000);
  afterAll(async () => {
    await worker?.kill();
    await rig?.web.close();
    await env?.close();
  });

  let seq = 0;
  async function client(o: { phone?: string; email?: string } = {}) {
    seq++;
    const created = await createContact({ input: { firstName: `Pat${seq}`, lastName: 'Portal', phones: [{ raw: o.phone ?? `+1303555${String(1000 + seq).slice(-4)}`, type: 'mobile', primary: true }], emails: [{ address: o.email ?? `pat${seq}@example.com`, primary: true }], preferences: { channel: 'sms' }, timezone: zoneWhereItIsNow(14) }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const kase = await Case.create({ number: `2026-7${String(seq).padStart(5, '0')}`, title: `Portal v. Test ${seq}` });
    await linkContactToCase({ caseId: kase._id, contactId: created.contact._id, role: 'client', actor });
    return { contact: created.contact, kase };
  }
  const staffPost = (path: string, body: Record<string, string | string[]>) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) form.append(k, x);
    form.set('_csrf', staffCsrf);
    return fetch(url(path), { method: 'POST', redirect: 'manual', headers: { Cookie: staffCookie, Origin: rig.web.url }, body: form });
  };
  /** Every portal token texted to a number so far: what the contact's phone received. */
  async function tokensTextedTo(to: string) {
    return (await rig.captured()).filter((m) => m.to === to).flatMap((m) => /\/portal\/link\/([A-Za-z0-9_-]{43})/.exec(m.text ?? '')?.[1] ?? []);
  }
  /** The next token texted to a number, beside those it had before. */
  async function tokenTextedTo(to: string, before: string[] = []) {
    return eventually(async () => (await tokensTextedTo(to)).find((t) => !before.includes(t)), `a new portal text to ${to}`);
  }
  /** A phone that opens a link: the landing page, then Continue; returns the portal session cookie. */
  async function continueWith(token: string, jar = '', base = rig.web.url) {
    const landing = await fetch(`${base}/portal/link/${token}`, { headers: { Cookie: jar } });
    expect(landing.status).toBe(200);
    const key = /name="_key" value="([^"]+)"/.exec(await landing.text())![1]!;
    const keyCookie = landing.headers.getSetCookie()[0]!.split(';')[0]!;
    const res = await fetch(`${base}/portal/link/${token}`, { method: 'POST', redirect: 'manual', headers: { Cookie: [jar, keyCookie].filter(Boolean).join('; '), Origin: 'null', 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1' }, body: new URLSearchParams({ _key: key }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/portal');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${portalCookieName()}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/portal/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    return cookie.split(';')[0]!;
  }
  const portalGet = (path: string, cookie: string) => fetch(url(path), { redirect: 'manual', headers: { Cookie: cookie } });
  async function portalCsrf(cookie: string) {
    return /name="_csrf" value="([^"]+)"/.exec(await (await portalGet('/portal', cookie)).text())![1]!;
  }
  async function shareByText(c: Awaited<ReturnType<typeof client>>, lifetime = '7d') {
    const before = await tokensTextedTo(c.contact.phones[0]!.e164!);
    const res = await staffPost(`/contacts/${c.contact._id}/portal-links`, { caseIds: String(c.kase._id), channel: 'sms', to_sms: c.contact.phones[0]!.e164!, lifetime, back: `/cases/${c.kase._id}?tab=portal` });
    expect(res.status).toBe(303);
    const linkId = new URL(res.headers.get('location')!, rig.web.url).searchParams.get('shared')!;
    return { linkId, token: await tokenTextedTo(c.contact.phones[0]!.e164!, before) };
  }

  it('shares a link by SMS whose token is stored only as its hash; opening it changes nothing until Continue, which starts a session on /portal', async () => {
    const c = await client();
    const { linkId, token } = await shareByText(c);
    const link = await PortalLink.findById(linkId).lean<PortalLinkDoc>();
    expect(link!.caseIds.map(String)).toEqual([String(c.kase._id)]);
    expect(link!.channel).toBe('sms');
    // Nowhere in the database: not in the link, not in the message (it keeps a slot), only its SHA-256.
    expect(await PortalLinkToken.countDocuments({ _id: hashPortalToken(token), linkId })).toBe(1);
    const stored = await Message.findById(link!.messageId).lean();
    expect(stored!.body).toContain('/portal/link/(secure-token)');
    expect(JSON.stringify(await Message.find({ contactId: c.contact._id }).lean())).not.toContain(token);
    // A mail scanner fetches the link twice: it sees the landing page, and nothing is used.
    for (let i = 0; i < 2; i++) {
      const scan = await fetch(url(`/portal/link/${token}`));
      expect(scan.status).toBe(200);
      expect(scan.headers.get('referrer-policy')).toBe('no-referrer');
      expect(scan.headers.get('x-robots-tag')).toContain('noindex');
      expect(scan.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await scan.text();
      expect(html).toContain('Continue');
      expect(html).not.toContain(c.contact.lastName!); // no personal data before Continue
    }
    expect((await PortalLink.findById(linkId).lean<PortalLinkDoc>())!.opens).toBe(0);
    const cookie = await continueWith(token);
    const used = (await PortalLink.findById(linkId).lean<PortalLinkDoc>())!;
    expect(used.opens).toBe(1);
    expect(used.lastDevice).toBe('Safari on iPhone');
    const home = await portalGet('/portal', cookie);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain(c.kase.number);
    expect(html).toContain('aria-current="step"');
    // Staff see the link's life on the case.
    const tab = await (await fetch(url(`/cases/${c.kase._id}?tab=portal`), { headers: { Cookie: staffCookie } })).text();
    expect(tab).toContain('Safari on iPhone');
  });

  it('shows the stage staff set, and a two-way thread: the contact writes, staff answer, the contact is told by text and reads it', async () => {
    const c = await client();
    const { token } = await shareByText(c);
    const cookie = await continueWith(token);
    expect((await staffPost(`/cases/${c.kase._id}/stage`, { stage: 'discovery' })).status).toBe(303);
    const home = await (await portalGet('/portal', cookie)).text();
    expect(home).toMatch(/aria-current="step" data-testid="portal-current-stage"><span class="dot" aria-hidden="true"><\/span><span class="label">Discovery/);
    const csrf = await portalCsrf(cookie);
    const posted = await fetch(url(`/portal/cases/${c.kase._id}/messages`), { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'null' }, body: new URLSearchParams({ _csrf: csrf, body: 'Here is my <script>alert(1)</script> question' }) });
    expect(posted.status).toBe(303);
    // Staff see it on the case (escaped), and in Client activity.
    const tab = await (await fetch(url(`/cases/${c.kase._id}?tab=portal`), { headers: { Cookie: staffCookie } })).text();
    expect(tab).toContain('Here is my &lt;script&gt;alert(1)&lt;/script&gt; question');
    expect(tab).not.toContain('<script>alert(1)</script>');
    const texts = await tokensTextedTo(c.contact.phones[0]!.e164!);
    expect((await staffPost(`/cases/${c.kase._id}/portal-messages/${c.contact._id}`, { body: 'Thanks, we will call you.' })).status).toBe(303);
    const noticeToken = await tokenTextedTo(c.contact.phones[0]!.e164!, texts);
    expect(noticeToken).not.toBe(token); // a fresh token, to the same link
    const thread = await (await portalGet(`/portal/cases/${c.kase._id}/messages`, cookie)).text();
    expect(thread).toContain('Thanks, we will call you.');
    expect(thread).toContain('&lt;script&gt;');
    expect(await Message.countDocuments({ contactId: c.contact._id, channel: 'portal' })).toBe(2); // both in the contact's history too
    // Staff see that the client read it.
    expect(await (await fetch(url(`/cases/${c.kase._id}?tab=portal`), { headers: { Cookie: staffCookie } })).text()).toMatch(/Thanks, we will call you\./);
    expect(await (await fetch(url(`/cases/${c.kase._id}?tab=portal`), { headers: { Cookie: staffCookie } })).text()).toMatch(/· read [A-Z][a-z]{2} \d/);
  });

  it('takes uploads from the phone into the contact\'s and the case\'s documents, marked from the client, and refuses a disguised executable', async () => {
    const c = await client();
    const { token } = await shareByText(c);
    const cookie = await continueWith(token);
    const csrf = await portalCsrf(cookie);
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('caseId', String(c.kase._id));
    form.append('files', new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, ...new Array(300).fill(7)])], { type: 'image/jpeg' }), 'photo <img src=x onerror=alert(1)>.jpg');
    form.append('files', new Blob([Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 1)])], { type: 'application/pdf' }), 'invoice.pdf');
    const res = await fetch(url('/portal/documents'), { method: 'POST', headers: { Cookie: cookie, Origin: 'null' }, body: form });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('photo _img src=x onerror=alert(1)_.jpg'); // stored with the markup characters replaced
    expect(html).not.toContain('<img src=x');
    expect(html).toMatch(/invoice\.pdf was not sent/);
    const docs = await mongoose.connection.db!.collection('documents').find({ contactId: c.contact._id }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ fromClient: true, caseId: c.kase._id });
    // On the case's Contact Documents tab for staff.
    const tab = await (await fetch(url(`/cases/${c.kase._id}?tab=documents&sub=contact`), { headers: { Cookie: staffCookie } })).text();
    expect(tab).toContain('photo _img src=x onerror=alert(1)_.jpg');
    // Served back to the contact; without the session, nothing.
    expect((await portalGet(`/portal/documents/${docs[0]!._id}`, cookie)).status).toBe(200);
    expect((await portalGet(`/portal/documents/${docs[0]!._id}`, '')).status).toBe(401);

    // Staff's own documents show on the portal only once shared with the client, and not after.
    const upload = new FormData();
    upload.append('files', new Blob(['%PDF-1.4\nretainer']), 'retainer.pdf');
    const up = await fetch(url(`/contacts/${c.contact._id}/documents`), { method: 'POST', headers: { Cookie: staffCookie, Origin: rig.web.url, 'X-CSRF-Token': staffCsrf, Accept: 'application/json' }, body: upload });
    const retainerId = ((await up.json()) as { uploaded: { id: string }[] }).uploaded[0]!.id;
    expect((await portalGet(`/portal/documents/${retainerId}`, cookie)).status).toBe(404);
    expect((await staffPost(`/contacts/${c.contact._id}/documents/${retainerId}/share`, { shared: '1' })).status).toBe(303);
    expect(await (await portalGet('/portal/documents', cookie)).text()).toMatch(/data-testid="portal-shared">.*retainer\.pdf/s);
    expect((await portalGet(`/portal/documents/${retainerId}`, cookie)).status).toBe(200);
    expect((await staffPost(`/contacts/${c.contact._id}/documents/${retainerId}/share`, { shared: '0' })).status).toBe(303);
    expect((await portalGet(`/portal/documents/${retainerId}`, cookie)).status).toBe(404);
  });

  it('keeps every portal URL inside the session\'s contact and cases: contact A reaches nothing of B', async () => {
    const a = await client();
    const b = await client();
    const { token } = await shareByText(a);
    const cookie = await continueWith(token);
    const bAt = new Date();
    const bDoc = await mongoose.connection.db!.collection('documents').insertOne({ contactId: b.contact._id, caseId: b.kase._id, storageKey: 'x', name: 'b-secret.pdf', size: 1, mimeType: 'application/pdf', sha256: 'x', sharedWithClient: true, createdAt: bAt });
    await listOnPortal({ _id: bDoc.insertedId, createdAt: bAt, contactId: b.contact._id }, true); // on B's portal, as sharing does
    for (const path of [`/portal/cases/${b.kase._id}/messages`, `/portal/documents/${bDoc.insertedId}`, `/portal/cases/${b.contact._id}/messages`, '/portal/cases/not-an-id/messages', `/portal/appointments/${new Types.ObjectId()}.ics`]) {
      const res = await portalGet(path, cookie);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('b-secret');
      expect(html, path).toMatch(/<h1>Not found<\/h1>[\s\S]*There is nothing at this address/);
    }
    const csrf = await portalCsrf(cookie);
    const onB = await fetch(url(`/portal/cases/${b.kase._id}/messages`), { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'null' }, body: new URLSearchParams({ _csrf: csrf, body: 'sneaky' }) });
    expect(onB.status).toBe(404);
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('caseId', String(b.kase._id));
    form.append('files', new Blob(['hello']), 'note.txt');
    expect((await fetch(url('/portal/documents'), { method: 'POST', headers: { Cookie: cookie, Origin: 'null' }, body: form })).status).toBe(404);
    expect(await Message.countDocuments({ caseId: b.kase._id, channel: 'portal' })).toBe(0);
    expect(await mongoose.connection.db!.collection('documents').countDocuments({ caseId: b.kase._id, fromClient: true })).toBe(0);
    // The staff dashboard is not reachable with a portal session, and the portal never shows the staff login.
    const staffPage = await fetch(url(`/contacts/${b.contact._id}`), { redirect: 'manual', headers: { Cookie: cookie } });
    expect(staffPage.status).toBe(303);
    expect(staffPage.headers.get('location')).toMatch(/^\/login/);
    const noSession = await portalGet('/portal', '');
    expect(noSession.status).toBe(401);
    expect(await noSession.text()).not.toContain('password');
  });

  it('refuses a portal form without the session\'s token or from another site (CSRF), and a planted session cookie is never adopted (fixation)', async () => {
    const c = await client();
    const { token } = await shareByText(c);
    const cookie = await continueWith(token);
    const csrf = await portalCsrf(cookie);
    const noToken = await fetch(url(`/portal/cases/${c.kase._id}/messages`), { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'null' }, body: new URLSearchParams({ body: 'x' }) });
    expect(noToken.status).toBe(403);
    const foreign = await fetch(url(`/portal/cases/${c.kase._id}/messages`), { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'https://evil.example' }, body: new URLSearchParams({ _csrf: csrf, body: 'x' }) });
    expect(foreign.status).toBe(403);
    // Continue without the landing page's key (another site's form): no session.
    const forced = await fetch(url(`/portal/link/${token}`), { method: 'POST', redirect: 'manual', body: new URLSearchParams({ _key: 'guess' }) });
    expect(forced.status).toBe(400);
    expect(forced.headers.getSetCookie().some((x) => x.startsWith(`${portalCookieName()}=`))).toBe(false);
    // An attacker plants a cookie, then the victim presses Continue: the browser gets a new, different session.
    const planted = `${portalCookieName()}=${'A'.repeat(43)}`;
    const fresh = await continueWith(token, planted);
    expect(fresh).not.toBe(planted);
    expect((await portalGet('/portal', planted)).status).toBe(401);
    // And an old session of the same browser ends when a new one starts.
    const second = await continueWith(token, cookie);
    expect((await portalGet('/portal', cookie)).status).toBe(401);
    expect((await portalGet('/portal', second)).status).toBe(200);
  });

  it('answers unknown, expired and revoked tokens with one page, rate-limits guessing, and never logs a token', async () => {
    const c = await client();
    const { linkId, token } = await shareByText(c);
    const cookie = await continueWith(token);
    const unknown = await fetch(url(`/portal/link/${'B'.repeat(43)}`));
    const garbage = await fetch(url('/portal/link/%3Cscript%3E'));
    expect(unknown.status).toBe(410);
    expect(garbage.status).toBe(410);
    const unknownPage = (await unknown.text()).replace(/value="[^"]+"/g, '').replace(/\/portal\/link\/[^"]+\/ask/, '');
    // Revoked by staff: the session made from it ends at once, the link gets the same page as an unknown one.
    expect((await staffPost(`/portal-links/${linkId}/revoke`, {})).status).toBe(303);
    expect((await portalGet('/portal', cookie)).status).toBe(401);
    const revoked = await fetch(url(`/portal/link/${token}`));
    expect(revoked.status).toBe(410);
    expect((await revoked.text()).replace(/value="[^"]+"/g, '').replace(/\/portal\/link\/[^"]+\/ask/, '')).toBe(unknownPage);
    expect(await PortalSession.countDocuments({ linkId: new Types.ObjectId(linkId), endedAt: null })).toBe(0);
    await expect(portalLinkResult(env.temporal, linkId)).resolves.toEqual({ status: 'revoked' });
    // "Ask for a new link" tells staff, once.
    const refusedPage = await fetch(url(`/portal/link/${token}`));
    const key = /name="_key" value="([^"]+)"/.exec(await refusedPage.text())![1]!;
    const asked = await fetch(url(`/portal/link/${token}/ask`), { method: 'POST', headers: { Cookie: refusedPage.headers.getSetCookie()[0]!.split(';')[0]!, Origin: 'null' }, body: new URLSearchParams({ _key: key }) });
    expect(await asked.text()).toContain('will send you a new link');
    expect((await PortalLink.findById(linkId).lean<PortalLinkDoc>())!.newLinkAskedAt).toBeTruthy();
    // Guessing from one address runs into the limit (the test server allows PORTAL_TOKEN_ATTEMPTS per 10 minutes).
    let limited: Response | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const r = await fetch(url(`/portal/link/${'C'.repeat(42)}${i % 10}`));
      if (r.status === 429) limited = r;
    }
    expect(limited?.headers.get('retry-after')).toBeTruthy();
    expect(await limited!.text()).toContain('Too many attempts');
    // The counter is shared by every web process (the database); this file's next tests start afresh.
    await mongoose.connection.db!.collection('login_throttle').deleteMany({ key: /^portal-token/ });
    expect(worker.output()).not.toContain(token);
  });

  it('expires a link at its deadline through PortalLinkWorkflow, ending its sessions; an extension moves the deadline', async () => {
    const c = await client();
    const shared = await sharePortalLink({ contactId: c.contact._id, caseIds: [c.kase._id], channel: 'sms', to: c.contact.phones[0]!.e164!, lifetime: '1h', lifetimeMs: 4_000, actor, publicUrl: rig.web.url });
    if (!shared.ok) throw new Error(JSON.stringify(shared.errors));
    await startPortalLinkWorkflow(env.temporal, { linkId: shared.linkId, createdAt: new Date(), expiresAt: shared.expiresAt, taskQueue: env.taskQueue, actorId: String(actor.id), channel: 'sms' });
    await startMessageDelivery(env.temporal, { messageId: shared.messageId, taskQueue: env.taskQueue, channel: 'sms', purpose: 'portal-link' });
    const token = await tokenTextedTo(c.contact.phones[0]!.e164!);
    const cookie = await continueWith(token);
    await expect(portalLinkResult(env.temporal, shared.linkId)).resolves.toEqual({ status: 'expired' });
    const done = (await PortalLink.findById(shared.linkId).lean<PortalLinkDoc>())!;
    expect(done.expiredAt).toBeTruthy();
    expect((await portalGet('/portal', cookie)).status).toBe(401);
    expect((await fetch(url(`/portal/link/${token}`))).status).toBe(410);
    // A dead link cannot be extended back to life.
    expect((await staffPost(`/portal-links/${shared.linkId}/extend`, { by: '7d' })).status).toBe(303);
    expect((await PortalLink.findById(shared.linkId).lean<PortalLinkDoc>())!.extensions).toHaveLength(0);

    // A live one can: the stored expiry and the workflow's timer move together.
    const other = await shareByText(c, '1h');
    const before = (await PortalLink.findById(other.linkId).lean<PortalLinkDoc>())!.expiresAt;
    expect((await staffPost(`/portal-links/${other.linkId}/extend`, { by: '24h' })).status).toBe(303);
    const moved = (await PortalLink.findById(other.linkId).lean<PortalLinkDoc>())!;
    expect(moved.expiresAt.getTime() - before.getTime()).toBe(86_400_000);
    expect(moved.extensions).toHaveLength(1);
    const left = await eventually(async () => {
      const t = await portalLinkTimeLeft(env.temporal, other.linkId);
      return t && t.msLeft > 86_400_000 ? t : undefined;
    }, 'the workflow to hear of the extension');
    expect(left.revoked).toBe(false);
  }, 60_000);

  it('asks for the last four digits of the phone on file before documents when the firm turns the check on', async () => {
    const strict = await startWebServer(env, { services: { portalStepUp: 'phone-last4' } });
    try {
      const c = await client({ phone: '+13035556789' });
      const { token } = await shareByText(c);
      const cookie = await continueWith(token, '', strict.url);
      const get = (p: string) => fetch(strict.url + p, { redirect: 'manual', headers: { Cookie: cookie } });
      expect((await get('/portal')).status).toBe(200); // the case's status needs no check
      const docs = await get('/portal/documents');
      expect(docs.status).toBe(303);
      expect(docs.headers.get('location')).toBe('/portal/confirm?next=%2Fportal%2Fdocuments');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/portal/confirm')).text())![1]!;
      const answer = (digits: string) => fetch(`${strict.url}/portal/confirm`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'null' }, body: new URLSearchParams({ _csrf: csrf, digits, next: '/portal/documents' }) });
      const wrong = await answer('1234');
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain('do not match');
      const right = await answer('6789');
      expect(right.status).toBe(303);
      expect(right.headers.get('location')).toBe('/portal/documents');
      expect((await get('/portal/documents')).status).toBe(200);
      // Guessing: five wrong answers end the session.
      const other = await continueWith(token, '', strict.url);
      const csrf2 = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${strict.url}/portal/confirm`, { headers: { Cookie: other } })).text())![1]!;
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) last = await fetch(`${strict.url}/portal/confirm`, { method: 'POST', redirect: 'manual', headers: { Cookie: other, Origin: 'null' }, body: new URLSearchParams({ _csrf: csrf2, digits: '0000' }) });
      expect(last!.status).toBe(401);
      expect((await fetch(`${strict.url}/portal`, { redirect: 'manual', headers: { Cookie: other } })).status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('sends a one-time code over the other channel before documents when the firm chooses codes, and takes it once, in its session, in time', async () => {
    const strict = await startWebServer(env, { services: { portalStepUp: 'one-time-code' } });
    try {
      const c = await client({ email: 'renee.code@example.com' });
      const { token } = await shareByText(c); // the link came by text: the code goes by email
      const open = async () => {
        const cookie = await continueWith(token, '', strict.url);
        const get = (p: string) => fetch(strict.url + p, { redirect: 'manual', headers: { Cookie: cookie } });
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/portal/confirm')).text())![1]!;
        const post = (p: string, form: Record<string, string>) => fetch(strict.url + p, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: 'null' }, body: new URLSearchParams({ _csrf: csrf, next: '/portal/documents', ...form }) });
        return { cookie, get, post };
      };
      const codesMailed = async () => (await rig.captured()).filter((m) => m.to === 'renee.code@example.com').map((m) => /client portal is:\s+(\d{6})/.exec(m.text ?? '')?.[1]).filter(Boolean) as string[];
      const phone = await open();
      expect((await phone.get('/portal/documents')).headers.get('location')).toBe('/portal/confirm?next=%2Fportal%2Fdocuments');
      const page = await (await phone.get('/portal/confirm')).text();
      expect(page).toContain('send a code to your email, r•••@example.com');
      expect(page).not.toContain('name="code"');
      expect(await codesMailed()).toEqual([]); // looking at the page (a link preview) sends nothing

      expect((await phone.post('/portal/confirm/send', {})).status).toBe(303);
      const [code] = await eventually(async () => ((await codesMailed()).length ? codesMailed() : undefined), 'the code by email');
      expect(await (await phone.get('/portal/confirm')).text()).toContain('We sent a code to r•••@example.com');
      expect((await phone.post('/portal/confirm/send', {})).status).toBe(429); // not again within a minute
      // Stored only as a hash: neither the session nor the message record holds the digits.
      expect(JSON.stringify(await PortalSession.find({ contactId: c.contact._id }).lean())).not.toContain(code);
      expect(JSON.stringify(await Message.find({ contactId: c.contact._id, purpose: 'portal-code' }).lean())).not.toContain(code);

      // The same digits in another session of the same link open nothing: a code belongs to the session that asked.
      const other = await open();
      expect((await other.post('/portal/confirm', { code: code! })).status).toBe(422);

      const wrong = await phone.post('/portal/confirm', { code: code === '000000' ? '111111' : '000000' });
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain('does not match');
      const right = await phone.post('/portal/confirm', { code: `${code!.slice(0, 3)} ${code!.slice(3)}` });
      expect(right.headers.get('location')).toBe('/portal/documents');
      expect((await phone.get('/portal/documents')).status).toBe(200);
      expect((await other.post('/portal/confirm', { code: code! })).status).toBe(422); // used once, and never this session's

      // A code past its ten minutes is refused.
      expect((await other.post('/portal/confirm/send', {})).status).toBe(303);
      const second = await eventually(async () => (await codesMailed()).find((x) => x !== code), 'a second code');
      const waiting = (await PortalSession.find({ contactId: c.contact._id }).lean()).find((x) => x.stepUpCode && !x.stepUpAt)!;
      await PortalSession.updateOne({ _id: waiting._id }, { $set: { 'stepUpCode.expiresAt': new Date(Date.now() - 1000) } });
      expect((await other.post('/portal/confirm', { code: second })).status).toBe(422);
    } finally {
      await strict.close();
    }
  });

  it('reminds a contact of an appointment 24 hours before, again when it moves, and not after it is cancelled', async () => {
    const c = await client();
    const phone = c.contact.phones[0]!.e164!;
    // Starting in two hours: inside the 24 hours, so the reminder goes at once.
    const at = (ms: number) => { const d = new Date(Date.now() + ms); return { date: d.toISOString().slice(0, 10), time: d.toISOString().slice(11, 16) }; };
    const start = at(2 * 3_600_000);
    const end = at(3 * 3_600_000);
    const made = await staffPost(`/cases/${c.kase._id}/appointments`, { title: 'Check-in call', date: start.date, start: start.time, end: end.date === start.date ? end.time : '23:59', timezone: 'UTC', place: 'By phone', contactIds: String(c.contact._id) });
    expect(made.status).toBe(303);
    const appointment = (await mongoose.connection.db!.collection('appointments').findOne({ caseId: c.kase._id }))!;
    const reminders = async () => (await rig.captured()).filter((m) => m.to === phone && m.text?.includes('Reminder: Check-in call'));
    await eventually(async () => (await reminders()).length === 1, 'the reminder text');
    // On the portal, with its .ics.
    const { token } = await shareByText(c);
    const cookie = await continueWith(token);
    const page = await (await portalGet('/portal/appointments', cookie)).text();
    expect(page).toContain('Check-in call');
    const ics = await portalGet(`/portal/appointments/${appointment._id}.ics`, cookie);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain('SUMMARY:Check-in call');
    // Moved: a new reminder for the new time.
    const later = at(4 * 3_600_000);
    const laterEnd = at(5 * 3_600_000);
    expect((await staffPost(`/cases/${c.kase._id}/appointments/${appointment._id}/move`, { title: 'Check-in call', date: later.date, start: later.time, end: laterEnd.date === later.date ? laterEnd.time : '23:59', timezone: 'UTC', place: 'By phone', contactIds: String(c.contact._id) })).status).toBe(303);
    await eventually(async () => (await reminders()).length === 2, 'a second reminder for the moved appointment');
    // Cancelled: the workflow ends, the portal marks it, and its .ics says CANCELLED.
    expect((await staffPost(`/cases/${c.kase._id}/appointments/${appointment._id}/cancel`, {})).status).toBe(303);
    await expect(env.temporal.workflow.getHandle(`appointment-${appointment._id}`).result()).resolves.toMatchObject({ status: 'cancelled', reminders: 2 });
    expect(await (await portalGet(`/portal/appointments/${appointment._id}.ics`, cookie)).text()).toContain('STATUS:CANCELLED');
    // Bad input: an end before the start is refused with a message, and nothing is stored.
    const bad = await staffPost(`/cases/${c.kase._id}/appointments`, { title: 'Backwards', date: start.date, start: '10:00', end: '09:00', timezone: 'UTC' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('The end must be after the start.');
    expect(await mongoose.connection.db!.collection('appointments').countDocuments({ caseId: c.kase._id })).toBe(1);
  }, 60_000);

  it('reminds through PortalLinkWorkflow\'s own timer a day before expiry, when the client has something unread', async () => {
    const c = await client();
    await replyToClient({ contactId: c.contact._id, caseId: c.kase._id, body: 'Please send the signed lease.', actor, publicUrl: rig.web.url });
    // A link that ends a day and a few seconds from now, made two days ago as the workflow is told: its reminder
    // (a day before expiry) falls due in seconds, on the workflow's durable timer, with no call from the test.
    const shared = await sharePortalLink({ contactId: c.contact._id, caseIds: [c.kase._id], channel: 'sms', to: c.contact.phones[0]!.e164!, lifetime: '30d', lifetimeMs: 86_400_000 + 3_000, actor, publicUrl: rig.web.url });
    if (!shared.ok) throw new Error(JSON.stringify(shared.errors));
    await startPortalLinkWorkflow(env.temporal, { linkId: shared.linkId, createdAt: new Date(Date.now() - 2 * 86_400_000), expiresAt: shared.expiresAt, taskQueue: env.taskQueue, actorId: String(actor.id), channel: 'sms' });
    const reminder = await eventually(async () => (await rig.captured()).find((m) => m.to === c.contact.phones[0]!.e164 && m.text?.includes('1 unread message')), 'the reminder text from the workflow');
    await continueWith(/\/portal\/link\/([A-Za-z0-9_-]{43})/.exec(reminder.text!)![1]!); // it opens the link
    expect((await Message.find({ contactId: c.contact._id, purpose: 'portal-reminder' }).lean()).length).toBe(1); // once
    await staffPost(`/portal-links/${shared.linkId}/revoke`, {});
    await expect(portalLinkResult(env.temporal, shared.linkId)).resolves.toEqual({ status: 'revoked' });
  }, 60_000);

  it('reminds before expiry only when the client has something unread, once, with a fresh link', async () => {
    const c = await client();
    const shared = await sharePortalLink({ contactId: c.contact._id, caseIds: [c.kase._id], channel: 'sms', to: c.contact.phones[0]!.e164!, lifetime: '7d', actor, publicUrl: rig.web.url });
    if (!shared.ok) throw new Error(JSON.stringify(shared.errors));
    const linkId = new Types.ObjectId(shared.linkId);
    // Nothing unread: no reminder. (PortalLinkWorkflow calls this a day before expiry; the timing is unit-tested.)
    await expect(remindBeforePortalExpiry(linkId, { publicUrl: rig.web.url, now: new Date() })).resolves.toEqual({});
    await replyToClient({ contactId: c.contact._id, caseId: c.kase._id, body: 'Please send the signed lease.', actor, publicUrl: rig.web.url });
    const first = await remindBeforePortalExpiry(linkId, { publicUrl: rig.web.url, now: new Date() });
    expect(first.messageId).toBe(shared.linkId); // fixed id: a retried step queues it once
    await expect(remindBeforePortalExpiry(linkId, { publicUrl: rig.web.url, now: new Date() })).resolves.toEqual(first);
    await startMessageDelivery(env.temporal, { messageId: first.messageId!, taskQueue: env.taskQueue, channel: 'sms', purpose: 'portal-reminder' });
    const text = await eventually(async () => (await rig.captured()).find((m) => m.to === c.contact.phones[0]!.e164 && m.text?.includes('1 unread message')), 'the reminder text');
    const token = /\/portal\/link\/([A-Za-z0-9_-]{43})/.exec(text.text!)![1]!;
    await continueWith(token); // it opens the same link
    // A revoked link is never reminded of.
    await staffPost(`/portal-links/${shared.linkId}/revoke`, {});
    const other = await sharePortalLink({ contactId: c.contact._id, caseIds: [c.kase._id], channel: 'sms', to: c.contact.phones[0]!.e164!, lifetime: '7d', actor, publicUrl: rig.web.url });
    if (!other.ok) throw new Error('share');
    await staffPost(`/portal-links/${other.linkId}/revoke`, {});
    await expect(remindBeforePortalExpiry(new Types.ObjectId(other.linkId), { publicUrl: rig.web.url, now: new Date() })).resolves.toEqual({});
  });
});
