import { createHash } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { config } from '../../config/config';
import { ContactDocument } from '../../db/models/index';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin, logInCookie, startWebServer, type WebServer } from '../support/web-server';

// Document uploads stream into storage (issue #15): the size limit and the type are enforced as bytes arrive, a file
// refused mid-way leaves nothing in storage, and no byte is stored before the CSRF token is seen.
describe('document uploads', () => {
  let env: TestEnv;
  let web: WebServer;
  let cookie = '';
  let csrf = '';
  let contactId = '';
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 'x'), Buffer.from('\n%%EOF\n')]);

  const chunkCount = () => mongoose.connection.db!.collection('files.chunks').countDocuments();
  const upload = (parts: ({ field: string; value: string } | { file: string; bytes: Buffer })[], headers: Record<string, string> = {}) => {
    const form = new FormData();
    for (const p of parts) {
      if ('field' in p) form.append(p.field, p.value);
      else form.append('files', new Blob([new Uint8Array(p.bytes)]), p.file);
    }
    return fetch(`${web.url}/contacts/${contactId}/documents`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: web.url, Accept: 'application/json', ...headers }, body: form });
  };

  beforeAll(async () => {
    env = await openTestEnv('document_uploads');
    web = await startWebServer(env);
    await createTestAdmin();
    cookie = await logInCookie(web.url);
    csrf = /"X-CSRF-Token": "([^"]+)"/.exec(await (await fetch(`${web.url}/contacts`, { headers: { Cookie: cookie } })).text())![1]!;
    const created = await createContact({ input: { firstName: 'Ada', lastName: 'Lovelace' }, actor: { id: new Types.ObjectId(), name: 'Test' }, region: 'US' });
    contactId = String(created.ok && created.contact._id);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('stores several files of one form, with the token as the field ahead of them, hashing them as they stream', async () => {
    const res = await upload([{ field: '_csrf', value: csrf }, { file: 'retainer.pdf', bytes: PDF }, { file: 'notes.txt', bytes: Buffer.from('Call back Tuesday — re: deposition') }]);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.uploaded.map((u: { name: string }) => u.name)).toEqual(['retainer.pdf', 'notes.txt']);
    const stored = await ContactDocument.findOne({ name: 'retainer.pdf' }).lean();
    expect(stored).toMatchObject({ size: PDF.length, mimeType: 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex') });
  });

  it('cuts a file off at the limit and keeps nothing of it, while the other files of the form are stored', async () => {
    const before = await chunkCount();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(config.UPLOAD_MAX_BYTES, 'x')]);
    const res = await upload([{ field: '_csrf', value: csrf }, { file: 'huge.pdf', bytes: big }, { file: 'small.pdf', bytes: PDF }]);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.rejected).toEqual([{ name: 'huge.pdf', reason: `The file is larger than ${Math.round(config.UPLOAD_MAX_BYTES / 1024 / 1024)} MB.` }]);
    expect(body.uploaded.map((u: { name: string }) => u.name)).toEqual(['small.pdf']);
    expect(await ContactDocument.exists({ name: 'huge.pdf' })).toBeNull();
    // Only small.pdf's chunks were added: huge.pdf's were removed when it was cut off.
    expect(await chunkCount()).toBe(before + Math.ceil(PDF.length / (255 * 1024)));
  });

  it('refuses a "text" file that turns binary after its first kilobytes, and keeps nothing of it', async () => {
    const before = await chunkCount();
    const sneaky = Buffer.concat([Buffer.alloc(600_000, 'a'), Buffer.from([0x4d, 0x5a, 0, 0])]);
    const res = await upload([{ field: '_csrf', value: csrf }, { file: 'readme.txt', bytes: sneaky }]);
    expect(res.status).toBe(422);
    expect((await res.json()).rejected[0].reason).toBe('This file is named as text but is not plain text.');
    expect(await chunkCount()).toBe(before);
  });

  it('stores nothing when the token is missing, wrong, or comes after the files', async () => {
    const before = await ContactDocument.countDocuments();
    for (const parts of [[{ file: 'a.pdf', bytes: PDF }], [{ field: '_csrf', value: 'forged' }, { file: 'a.pdf', bytes: PDF }], [{ file: 'a.pdf', bytes: PDF }, { field: '_csrf', value: csrf }]]) {
      const res = await upload(parts);
      expect(res.status).toBe(403);
    }
    expect(await ContactDocument.countDocuments()).toBe(before);
    // The drop zone's way: the token in the header.
    expect((await upload([{ file: 'dropped.pdf', bytes: PDF }], { 'X-CSRF-Token': csrf })).status).toBe(201);
  });
});
