import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { ContactDocument, Note } from '../../db/models/index';
import { linkedRecords } from '../../db/contacts/contact-links';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin, logInCookie, startWebServer, type WebServer } from '../support/web-server';

// A note form sent twice (a double click, a browser retrying after a lost answer) adds one note, with its
// attachment stored once, one line on the profile and one audit event.
describe('a note form sent twice', () => {
  let env: TestEnv;
  let web: WebServer;
  let cookie = '';
  const newContact = async (lastName: string) => {
    const created = await createContact({ input: { firstName: 'Ada', lastName }, actor: { id: new Types.ObjectId(), name: 'Test' }, region: 'US' });
    if (!created.ok) throw new Error('contact not created');
    return created.contact._id;
  };
  /** The profile's note form as a browser would send it: its token and key, the text and one attachment. */
  const noteForm = async (contactId: Types.ObjectId, o: { text: string; key?: string }) => {
    const page = await (await fetch(`${web.url}/contacts/${contactId}`, { headers: { Cookie: cookie } })).text();
    const form = /<form[^>]*id="note-form"[\s\S]*?<\/form>/.exec(page)![0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const key = /name="noteKey" value="([0-9a-f]{24})"/.exec(form)![1]!;
    return { key: o.key ?? key, send: () => {
      const body = new FormData();
      body.append('_csrf', csrf);
      body.append('html', `<p>${o.text}</p>`);
      body.append('noteKey', o.key ?? key);
      body.append('attachments', new Blob([`Minutes: ${o.text}`], { type: 'text/plain' }), 'minutes.txt');
      return fetch(`${web.url}/contacts/${contactId}/notes`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: web.url }, body });
    } };
  };
  const auditEvents = (noteId: Types.ObjectId) => mongoose.connection.db!.collection('audit_events').countDocuments({ subjectId: noteId, action: 'note.create' });

  beforeAll(async () => {
    env = await openTestEnv('note_form_twice');
    web = await startWebServer(env);
    await createTestAdmin();
    cookie = await logInCookie(web.url);
  });
  afterAll(async () => {
    await web?.close();
    await env?.close();
  });

  it('adds the note once when the same form comes again, one after the other and both at once', async () => {
    const contactId = await newContact('Twice');
    const form = await noteForm(contactId, { text: 'Called about the deposition' });
    const first = await form.send();
    expect(first.status).toBe(303);
    const again = await form.send();
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toBe(`/contacts/${contactId}#note-${form.key}`);

    const racing = await noteForm(contactId, { text: 'Sent the retainer' });
    const answers = await Promise.all([racing.send(), racing.send()]);
    expect(answers.map((r) => r.headers.get('location'))).toEqual([`/contacts/${contactId}#note-${racing.key}`, `/contacts/${contactId}#note-${racing.key}`]);

    const notes = await Note.find({ contactId }).lean();
    expect(notes.map((n) => String(n._id)).sort()).toEqual([form.key, racing.key].sort());
    expect((await linkedRecords('note', contactId)).total).toBe(2);
    expect(await auditEvents(new Types.ObjectId(form.key))).toBe(1);
    expect(await auditEvents(new Types.ObjectId(racing.key))).toBe(1);
    // Each note's attachment is on the contact once: a copy the losing request of the racing pair stored went again.
    const listed = (await linkedRecords('document', contactId)).refs.map((r) => String(r.id));
    expect(listed.sort()).toEqual(notes.flatMap((n) => n.attachmentIds.map(String)).sort());
    expect(listed).toHaveLength(2);
    const stored = await ContactDocument.find({ contactId, name: 'minutes.txt', deletedAt: null }).lean();
    expect(stored.map((d) => String(d._id)).sort()).toEqual(listed.sort());
    const page = await (await fetch(`${web.url}/contacts/${contactId}`, { headers: { Cookie: cookie } })).text();
    expect(page.match(/Called about the deposition/g)).toHaveLength(1);
  });

  it("gives a note of its own to a form carrying another contact's note id, and leaves that note alone", async () => {
    const victim = await newContact('Victim');
    const victimNote = await noteForm(victim, { text: 'Privileged strategy' });
    expect((await victimNote.send()).status).toBe(303);
    const other = await newContact('Other');
    const forged = await noteForm(other, { text: 'Ordinary call', key: victimNote.key });
    const res = await forged.send();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).not.toContain(victimNote.key);
    const [mine] = await Note.find({ contactId: other }).lean();
    expect(mine!.html).toContain('Ordinary call');
    const theirs = await Note.findById(victimNote.key).lean();
    expect(theirs).toMatchObject({ html: '<p>Privileged strategy</p>' });
    expect(String(theirs!.contactId)).toBe(String(victim));
  });
});
