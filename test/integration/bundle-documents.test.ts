import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { requestBundle, type BundleScope } from '../../activities/bundles/request-bundle';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { insertNote } from '../../db/notes/notes';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import { Bundle, Case, Message, type BundleDoc } from '../../db/models/index';
import { bundleResult, startBundleDocuments } from '../../temporal/bundle-documents';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { createGridFsStorage } from '../../storage/gridfs-storage';
import { sessionCookieName } from '../../web/auth/cookie';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { eventually, openOutboxRig, type OutboxRig } from '../support/outbox-rig';
import { createTestAdmin, TEST_ADMIN } from '../support/web-server';
import { manifestRows, readZip, storeDocument, unzipTest } from '../support/bundle-helpers';

const PDF = (n: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(n)]);
const TEXT = (s: string, times: number) => Buffer.from(s.repeat(times));

// Download All (issue #18) on the real servers: the zip made by real worker processes (a general worker and a
// bundles worker), storage in the real database, the email through the capture server, downloads over HTTP.
describe('Download All: BundleDocumentsWorkflow', () => {
  let env: TestEnv;
  let rig: OutboxRig;
  let general: WorkerProcess;
  let bundles: WorkerProcess;
  let actor: { id: Types.ObjectId; name: string };
  let cookie = '';
  const storage = () => createGridFsStorage(mongoose.connection.db!);

  beforeAll(async () => {
    env = await openTestEnv('bundles');
    rig = await openOutboxRig(env, 'bundles');
    const admin = await createTestAdmin();
    actor = { id: admin._id, name: admin.name };
    [general, bundles] = await Promise.all([
      startWorkerProcess({ ...env, role: 'general', extraEnv: rig.workerEnv }),
      startWorkerProcess({ ...env, role: 'bundles', extraEnv: rig.workerEnv }),
    ]);
    const login = await fetch(`${rig.web.url}/login`, { method: 'POST', redirect: 'manual', headers: { Origin: rig.web.url }, body: new URLSearchParams({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }) });
    cookie = login.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName()}=`))!.split(';')[0]!;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([general?.kill(), bundles?.kill()]);
    await rig?.web.close();
    await env?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(rig.web.url + path, { redirect: 'manual', headers: { Cookie: cookie, ...headers } });
  let seq = 0;
  async function contact(first = 'Bea') {
    seq++;
    const created = await createContact({ input: { firstName: first, lastName: `Bundle${seq}`, emails: [{ address: `bea${seq}@example.com`, primary: true }] }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.contact;
  }
  async function bundleOf(scope: BundleScope, lifetimeMs = 3_600_000) {
    const asked = await requestBundle({ scope, actor, lifetimeMs });
    if (!asked.ok) throw new Error(asked.reason);
    await startBundleDocuments(env.temporal, { bundleId: String(asked.bundleId), taskQueue: env.taskQueue, actorId: String(actor.id), scope: scope.kind });
    return String(asked.bundleId);
  }
  const bundleDoc = (id: string) => Bundle.findById(id).lean<BundleDoc>();
  const ready = (id: string) => eventually(async () => ((await bundleDoc(id))?.status === 'ready' ? bundleDoc(id) : undefined), `bundle ${id} to be ready`, 60_000);
  async function download(id: string) {
    const res = await get(`/bundles/${id}/download`);
    expect(res.status).toBe(200);
    return { res, zip: Buffer.from(await res.arrayBuffer()) };
  }

  it('zips a contact\'s documents and note attachments with unique names and a manifest, and emails a link that works with a session', async () => {
    const c = await contact();
    const kase = await Case.create({ number: '2026-900001', title: 'Bundle v. Test' });
    const s = storage();
    const files = [
      { name: 'scan.pdf', data: PDF(300_000) },
      { name: 'Scan.pdf', data: PDF(1000) },
      { name: 'letter.txt', data: TEXT('Dear Bea,\n', 5000) },
    ];
    const docs = [];
    for (const f of files) docs.push(await storeDocument(s, { contactId: c._id, caseId: kase._id }, actor, f.name, f.data));
    const attachment = await storeDocument(s, { contactId: c._id }, actor, 'scan.pdf', PDF(2000));
    const note = await insertNote({ contactId: c._id, html: '<p>see scan</p>', attachmentIds: [attachment._id], authorId: actor.id, authorName: actor.name });
    await addLinkedRecords('note', c._id, [{ id: note._id, at: note.createdAt }]);

    const id = await bundleOf({ kind: 'contact', contact: c });
    const bundle = await ready(id);
    expect(bundle.totalFiles).toBe(4);
    const { res, zip } = await download(id);
    expect(res.headers.get('content-length')).toBe(String(zip.length));
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Bea Bundle\d+ documents \d{4}-\d\d-\d\d\.zip"/);
    expect(await unzipTest(zip)).toMatch(/No errors detected/);
    // ZIP64 only when needed: a small bundle has no ZIP64 end of central directory record.
    expect(zip.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(-1);

    const entries = new Map((await readZip(zip)).map((e) => [e.name, e]));
    expect([...entries.keys()].sort()).toEqual(['Documents/Scan (2).pdf', 'Documents/letter.txt', 'Documents/scan.pdf', 'Note attachments/scan.pdf', 'README.txt', 'manifest.csv']);
    expect(entries.get('Documents/scan.pdf')!.data.equals(files[0]!.data)).toBe(true);
    expect(entries.get('Documents/Scan (2).pdf')!.data.equals(files[1]!.data)).toBe(true);
    expect(entries.get('Documents/letter.txt')!.data.equals(files[2]!.data)).toBe(true);
    expect(entries.get('Note attachments/scan.pdf')!.data.length).toBe(2009);
    // PDFs are stored as they are; text is deflated.
    expect(entries.get('Documents/scan.pdf')!.stored).toBe(true);
    expect(entries.get('Documents/letter.txt')!.stored).toBe(false);

    const manifest = manifestRows(entries.get('manifest.csv')!.data.toString('utf8'));
    expect(manifest).toHaveLength(4);
    const letter = manifest.find((r) => r['name in zip'] === 'Documents/letter.txt')!;
    expect(letter).toMatchObject({ 'original name': 'letter.txt', 'size (bytes)': '50000', 'sha-256': docs[2]!.sha256, type: 'text/plain', 'uploaded by': actor.name, case: '2026-900001', status: 'included' });
    expect(letter['documents as of']).toBe(bundle.createdAt.toISOString());

    // The email: through the outbox to the requester, with a link whose token is stored only hashed.
    const email = await eventually(async () => (await rig.captured()).find((m) => m.subject?.includes(`Bea Bundle${seq}`)), 'the bundle email');
    expect(email.to).toBe(TEST_ADMIN.email);
    const link = /http:\/\/[^\s]+\/bundles\/link\/([A-Za-z0-9_-]{43})/.exec(email.text!)!;
    const token = link[1]!;
    expect(JSON.stringify(await mongoose.connection.db!.collection('bundle_links').find().toArray())).not.toContain(token);
    expect((await Message.findById(id).lean())?.staffUserId?.toString()).toBe(String(actor.id));

    const viaLink = await get(`/bundles/link/${token}`);
    expect(viaLink.status).toBe(200);
    expect(viaLink.headers.get('referrer-policy')).toBe('no-referrer');
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(zip)).toBe(true);
    // Resuming: a Range answers with exactly those bytes.
    const part = await get(`/bundles/link/${token}`, { Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${zip.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(zip.subarray(1000, 2000))).toBe(true);
    expect((await get(`/bundles/link/${token}`, { Range: `bytes=${zip.length}-` })).status).toBe(416);

    // Without a session the link asks for a login and comes back; a forged token opens nothing.
    const signedOut = await fetch(`${rig.web.url}/bundles/link/${token}`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toMatch(/^\/login\?next=%2Fbundles%2Flink%2F/);
    expect((await get(`/bundles/link/${token.slice(0, -2)}AA`)).status).toBe(404);
    expect((await get('/bundles/link/short')).status).toBe(404);

    // Downloads are audited with who and from where.
    const audits = await mongoose.connection.db!.collection('audit_events').find({ action: 'bundle.download' }).toArray();
    expect(audits.length).toBeGreaterThanOrEqual(3);
    expect(audits[0]!.details).toMatchObject({ via: 'page', from: expect.any(String) });
  }, 120_000);

  it('lists a missing or damaged file in the manifest as missing and still finishes a valid zip', async () => {
    const c = await contact();
    const s = storage();
    await storeDocument(s, { contactId: c._id }, actor, 'good.txt', TEXT('good\n', 100));
    const gone = await storeDocument(s, { contactId: c._id }, actor, 'gone.pdf', PDF(100));
    const damaged = await storeDocument(s, { contactId: c._id }, actor, 'damaged.pdf', PDF(700_000));
    await s.delete(gone.storageKey);
    await mongoose.connection.db!.collection<{ _id: string }>('files.chunks').deleteOne({ _id: `${damaged.storageKey}:1` });
    const id = await bundleOf({ kind: 'contact', contact: c });
    const bundle = await ready(id);
    expect(bundle.missing).toBe(2);
    const { zip } = await download(id);
    expect(await unzipTest(zip)).toMatch(/No errors detected/);
    const entries = new Map((await readZip(zip)).map((e) => [e.name, e]));
    expect([...entries.keys()].sort()).toEqual(['Documents/good.txt', 'README.txt', 'manifest.csv']);
    const manifest = new Map(manifestRows(entries.get('manifest.csv')!.data.toString()).map((r) => [r['original name'], r.status]));
    expect(manifest.get('good.txt')).toBe('included');
    expect(manifest.get('gone.pdf')).toBe('missing: the stored file is gone');
    expect(manifest.get('damaged.pdf')).toMatch(/^missing: the stored file could not be read/);
    expect(entries.get('README.txt')!.data.toString()).toContain('2 missing');
  }, 120_000);

  it('says so when there is nothing to bundle, and a second Download All while one is made reuses it', async () => {
    const empty = await contact();
    expect(await requestBundle({ scope: { kind: 'contact', contact: empty }, actor, lifetimeMs: 60_000 })).toEqual({ ok: false, reason: expect.stringMatching(/has no documents yet/) });
    expect(await Bundle.countDocuments({ 'scope.id': empty._id })).toBe(0);

    const c = await contact();
    await storeDocument(storage(), { contactId: c._id }, actor, 'a.txt', TEXT('a', 10));
    const [first, second] = await Promise.all([
      requestBundle({ scope: { kind: 'contact', contact: c }, actor, lifetimeMs: 60_000 }),
      requestBundle({ scope: { kind: 'contact', contact: c }, actor, lifetimeMs: 60_000 }),
    ]);
    expect(first.ok && second.ok && String(first.bundleId) === String(second.bundleId)).toBe(true);
    expect(await Bundle.countDocuments({ 'scope.id': c._id })).toBe(1);
    expect(await mongoose.connection.db!.collection('audit_events').countDocuments({ action: 'bundle.request', subjectId: first.ok ? first.bundleId : undefined })).toBe(1);
    // Over HTTP, the same: the region reports the bundle already being made.
    const page = await (await get('/contacts')).text();
    const csrf = /"X-CSRF-Token": "([^"]+)"/.exec(page)![1]!;
    const again = await fetch(`${rig.web.url}/contacts/${c._id}/bundles`, { method: 'POST', headers: { Cookie: cookie, Origin: rig.web.url, 'X-CSRF-Token': csrf, 'HX-Request': 'true' } });
    const html = await again.text();
    expect(html).toContain(`/bundles/${first.ok && first.bundleId}/`);
    const noDocs = await fetch(`${rig.web.url}/contacts/${empty._id}/bundles`, { method: 'POST', headers: { Cookie: cookie, Origin: rig.web.url, 'X-CSRF-Token': csrf, 'HX-Request': 'true' } });
    expect(noDocs.status).toBe(422);
    expect(await noDocs.text()).toContain('has no documents yet: there is nothing to download.');
  }, 60_000);

  it('a bundles worker killed mid-bundle: the next attempt makes a complete zip and leaves nothing of the killed one', async () => {
    const c = await contact();
    const s = storage();
    const files: Buffer[] = [];
    // Enough bytes that the bundle takes seconds: the worker is killed right after it first records progress
    // (after one file; then once a second), and a whole 24 MB bundle once fitted in that second.
    const FILES = 48;
    for (let i = 0; i < FILES; i++) {
      files.push(PDF(1024 * 1024));
      await storeDocument(s, { contactId: c._id }, actor, `part-${i}.pdf`, files[i]!);
    }
    const id = await bundleOf({ kind: 'contact', contact: c });
    await eventually(async () => {
      const doc = await bundleDoc(id);
      return doc?.status === 'preparing' && (doc.progress?.filesDone ?? 0) >= 1;
    }, 'the bundle to be under way', 60_000);
    await bundles.kill('SIGKILL');
    expect((await bundleDoc(id))?.status, 'the worker was killed before the bundle was done').toBe('preparing');
    bundles = await startWorkerProcess({ ...env, role: 'bundles', extraEnv: rig.workerEnv });
    const bundle = await ready(id);
    expect(bundle.attemptKeys.length).toBeGreaterThanOrEqual(2);
    const { zip } = await download(id);
    expect(await unzipTest(zip)).toMatch(/No errors detected/);
    const entries = await readZip(zip);
    for (let i = 0; i < FILES; i++) expect(entries.find((e) => e.name === `Documents/part-${i}.pdf`)!.data.equals(files[i]!)).toBe(true);
    // The killed attempt's partial zip is gone: chunks remain only for the finished one.
    for (const key of bundle.attemptKeys.filter((k) => k !== bundle.storageKey)) {
      expect(await mongoose.connection.db!.collection('files.chunks').countDocuments({ files_id: new mongoose.mongo.ObjectId(key) })).toBe(0);
    }
  }, 180_000);

  it('deletes the file at expiry, refuses the link with the date, and can be revoked or cancelled earlier', async () => {
    const c = await contact();
    await storeDocument(storage(), { contactId: c._id }, actor, 'short.txt', TEXT('short-lived\n', 10));
    const id = await bundleOf({ kind: 'contact', contact: c }, 4_000);
    const bundle = await ready(id);
    const key = bundle.storageKey!;
    expect((await bundleResult(env.temporal, id)).status).toBe('expired');
    const after = await bundleDoc(id);
    expect(after?.status).toBe('expired');
    await expect(storage().get(key)).rejects.toMatchObject({ code: 'ENOENT' });
    const refused = await get(`/bundles/${id}/download`);
    expect(refused.status).toBe(410);
    const page = await refused.text();
    expect(page).toContain('This link has expired');
    expect(page).toContain('Make a new bundle');
    const expiries = await mongoose.connection.db!.collection('audit_events').countDocuments({ action: 'bundle.expire', subjectId: new Types.ObjectId(id) });
    expect(expiries).toBe(1);

    // Revoked: refused at once, deleted by the workflow.
    const other = await contact();
    await storeDocument(storage(), { contactId: other._id }, actor, 'r.txt', TEXT('revoke me\n', 10));
    const revokedId = await bundleOf({ kind: 'contact', contact: other });
    const revokedKey = (await ready(revokedId)).storageKey!;
    const html = await (await get('/contacts')).text();
    const csrf = /"X-CSRF-Token": "([^"]+)"/.exec(html)![1]!;
    const revoke = await fetch(`${rig.web.url}/bundles/${revokedId}/revoke`, { method: 'POST', headers: { Cookie: cookie, Origin: rig.web.url, 'X-CSRF-Token': csrf, 'HX-Request': 'true' } });
    expect(revoke.status).toBe(200);
    expect((await get(`/bundles/${revokedId}/download`)).status).toBe(410);
    expect((await bundleResult(env.temporal, revokedId)).status).toBe('revoked');
    await expect(storage().get(revokedKey)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 120_000);

  it('cancelled while it is made: stops, and keeps nothing', async () => {
    const c = await contact();
    // Enough bytes that the cancel lands mid-way: the bundles worker makes about 13 MB/s, and progress is recorded
    // after the first file and then once a second, so the wait below ends about a second into a three-second bundle.
    for (let i = 0; i < 40; i++) await storeDocument(storage(), { contactId: c._id }, actor, `big-${i}.pdf`, PDF(1024 * 1024));
    const html = await (await get('/contacts')).text();
    const csrf = /"X-CSRF-Token": "([^"]+)"/.exec(html)![1]!;
    const id = await bundleOf({ kind: 'contact', contact: c });
    await eventually(async () => ((await bundleDoc(id))?.progress?.filesDone ?? 0) >= 1, 'the bundle to be under way', 60_000);
    const cancelling = await fetch(`${rig.web.url}/bundles/${id}/cancel`, { method: 'POST', headers: { Cookie: cookie, Origin: rig.web.url, 'X-CSRF-Token': csrf, 'HX-Request': 'true' } });
    // Until the workflow has stopped, the region says so rather than showing the bundle still being made.
    expect(await cancelling.text()).toMatch(/Cancelling the bundle…|The bundle was cancelled/);
    expect((await bundleResult(env.temporal, id)).status).toBe('cancelled');
    const bundle = await bundleDoc(id);
    expect(bundle?.status).toBe('cancelled');
    for (const key of bundle!.attemptKeys) expect(await mongoose.connection.db!.collection('files.chunks').countDocuments({ files_id: new mongoose.mongo.ObjectId(key) })).toBe(0);
  }, 120_000);

  it('bundles a case: its own documents and a folder per contact with their role', async () => {
    const a = await contact('Ann');
    const b = await contact('Ben');
    const kase = await Case.create({ number: '2026-900002', title: 'Two Contacts' });
    await linkContactToCase({ caseId: kase._id, contactId: a._id, role: 'client', actor });
    await linkContactToCase({ caseId: kase._id, contactId: b._id, role: 'witness', actor });
    const s = storage();
    await storeDocument(s, { caseId: kase._id }, actor, 'complaint.pdf', PDF(500));
    await storeDocument(s, { contactId: a._id }, actor, 'id.pdf', PDF(500));
    await storeDocument(s, { contactId: b._id }, actor, 'statement.txt', TEXT('I saw it.\n', 3));
    const fresh = (await Case.findById(kase._id).lean())!;
    const id = await bundleOf({ kind: 'case', kase: fresh as never });
    await ready(id);
    const { zip } = await download(id);
    const names = (await readZip(zip)).map((e) => e.name).sort();
    expect(names).toEqual([`Ann Bundle${seq - 1} (client)/Documents/id.pdf`, `Ben Bundle${seq} (witness)/Documents/statement.txt`, 'Case documents/complaint.pdf', 'README.txt', 'manifest.csv']);
  }, 120_000);
});
