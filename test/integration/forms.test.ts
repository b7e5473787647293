import { request as httpRequest } from 'node:http';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { sendFormToContact } from '../../activities/forms/send-form';
import { saveFormTemplate } from '../../activities/forms/save-form-template';
import { AuditEvent, Case, Contact, FormRequest, FormSubmission, FormTemplate, IntakeToken, Message, type FormRequestDoc, type FormSubmissionDoc } from '../../db/models/index';
import { hashIntakeToken } from '../../db/forms/intake-tokens';
import { startFormRequestWorkflow } from '../../temporal/form-request';
import { formRequestWorkflowId } from '../../workflows/messages/form-request';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { DEMO_FORM_FIELDS } from '../../scripts/demo-forms';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { eventually, openOutboxRig, zoneWhereItIsNow, type OutboxRig } from '../support/outbox-rig';
import { openOnPhone, shareLinkByText, staffAgent, type StaffAgent } from '../support/portal-visitor';
import { createTestAdmin } from '../support/web-server';

// Forms (issue #20) on the real servers: staff build a template in the builder, send it from the case, the client
// fills it on the portal with save and resume, FormRequestWorkflow renders the PDF and reminds, staff review the
// contact changes; the attacker beside each step.
describe('Forms', () => {
  let env: TestEnv;
  let rig: OutboxRig;
  let worker: WorkerProcess;
  let staff: StaffAgent;
  let actor: { id: Types.ObjectId; name: string };
  let templateId = '';
  const PNG = 'data:image/png;base64,' + Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64').toString('base64');

  beforeAll(async () => {
    env = await openTestEnv('forms');
    rig = await openOutboxRig(env, 'forms');
    const admin = await createTestAdmin();
    actor = { id: admin._id, name: admin.name };
    worker = await startWorkerProcess({ ...env, role: 'general', extraEnv: rig.workerEnv });
    staff = await staffAgent(rig);
  }, 120_000);
  afterAll(async () => {
    await worker?.kill();
    await rig?.web.close();
    await env?.close();
  });

  /**
   * Posts a form body of `bytes` and returns the status. The server answers 413 before reading the body and
   * closes the connection, so the upload's own error is expected and ignored (on its own connection, so no
   * other request shares the broken socket).
   */
  function oversizedPost(url: string, headers: Record<string, string>, bytes: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', agent: false, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(bytes + 11) } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', (err) => setTimeout(() => reject(err), 2_000)); // a reset after the answer is fine: the answer resolves first
      req.end(`first_name=${'x'.repeat(bytes)}`);
    });
  }

  let seq = 0;
  async function client() {
    seq++;
    const phone = `+1303557${String(1000 + seq).slice(-4)}`;
    const created = await createContact({ input: { firstName: `Fern${seq}`, lastName: 'Form', phones: [{ raw: phone, type: 'mobile', primary: true }], emails: [{ address: `fern${seq}@example.com`, primary: true }], address: { street: '1 Old Road', city: 'Denver' }, preferences: { channel: 'sms' }, timezone: zoneWhereItIsNow(14) }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const kase = await Case.create({ number: `2026-9${String(seq).padStart(5, '0')}`, title: `Form v. Test ${seq}` });
    await linkContactToCase({ caseId: kase._id, contactId: created.contact._id, role: 'client', actor });
    return { contact: created.contact, kase, phone: created.contact.phones[0]!.e164! };
  }
  /** The builder's post for a list of fields (f.<i>.<part>). */
  function builderForm(name: string, fields: typeof DEMO_FORM_FIELDS) {
    const body: Record<string, string> = { name };
    fields.forEach((f, i) => {
      for (const [k, v] of Object.entries(f)) body[`f.${i}.${k}`] = typeof v === 'boolean' ? (v ? '1' : '') : String(v ?? '');
    });
    return body;
  }
  async function sendForm(c: Awaited<ReturnType<typeof client>>) {
    const res = await staff.post(`/cases/${c.kase._id}/forms`, { templateId, contactId: String(c.contact._id) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/contacts/${c.contact._id}/portal-links/share\\?caseId=${c.kase._id}`));
    const request = (await FormRequest.findOne({ contactId: c.contact._id }).sort({ createdAt: -1 }).lean<FormRequestDoc>())!;
    const phone = await openOnPhone(rig, await shareLinkByText(rig, staff, { contactId: String(c.contact._id), caseId: String(c.kase._id), phone: c.phone }));
    return { request, phone };
  }
  const valid = (c: Awaited<ReturnType<typeof client>>) => ({
    first_name: c.contact.firstName!, last_name: 'Form', mobile_phone: '(303) 555-0199', 'home_address:street': '9 New Street', 'home_address:city': 'Boulder',
    date_of_the_accident: '2026-10-01', what_happened: 'A car <script>alert(1)</script> hit mine.', were_you_injured: 'no', sign_to_confirm_your_answers_are_true: PNG,
  });

  it('builds a template in the builder, refusing a bad one with each reason, and saves edits as new versions', async () => {
    const bad = await staff.post('/admin/forms', builderForm('', [{ type: 'single-choice', label: 'Pick one', options: 'only' }, { type: 'long-text', label: 'Why', showIfKey: 'nothing', showIfEquals: 'x' }]));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Give the form a name.');
    expect(html).toContain('Give at least two choices');
    expect(html).toContain('A condition can only test an earlier choice');
    expect(await FormTemplate.countDocuments()).toBe(0);
    const made = await staff.post('/admin/forms', builderForm('Injury questionnaire', DEMO_FORM_FIELDS));
    expect(made.status).toBe(303);
    templateId = /\/admin\/forms\/([0-9a-f]{24})/.exec(made.headers.get('location')!)![1]!;
    const page = await (await staff.get(`/admin/forms/${templateId}?saved=1`)).text();
    expect(page).toContain('Saved as version 1');
    expect(page.match(/data-testid="builder-row"/g)!.length).toBe(DEMO_FORM_FIELDS.length + 1);
  });

  it('keeps answers as the client types, on another device too, checks each field on submit, renders the PDF, and refuses a second submission', async () => {
    const c = await client();
    const { request, phone } = await sendForm(c);
    expect((await env.temporal.workflow.getHandle(formRequestWorkflowId(String(request._id))).describe()).status.name).toBe('RUNNING');
    const home = await (await phone.get('/portal')).text();
    expect(home).toContain('Injury questionnaire');
    const page = await (await phone.get(`/portal/forms/${request._id}`)).text();
    expect(page).toContain('Only if you answered “yes” to “Were you injured?”');
    // Half filled, saved as typed (the page's script posts like this), then left.
    const draft = await fetch(`${rig.web.url}/portal/forms/${request._id}/draft`, { method: 'POST', headers: { Cookie: phone.cookie, Origin: 'null', 'X-CSRF-Token': phone.csrf, Accept: 'application/json' }, body: new URLSearchParams({ first_name: 'Half', what_happened: 'Kept as typed' }) });
    expect(await draft.json()).toEqual({ saved: true });
    // The link opened again on another device: the answers are there.
    const tablet = await openOnPhone(rig, await shareLinkByText(rig, staff, { contactId: String(c.contact._id), caseId: String(c.kase._id), phone: c.phone }));
    const resumed = await (await tablet.get(`/portal/forms/${request._id}`)).text();
    expect(resumed).toContain('value="Half"');
    expect(resumed).toContain('Kept as typed');

    // Submitted with a required answer missing and a bad phone: every reason, nothing lost.
    const missing = await tablet.post(`/portal/forms/${request._id}`, { ...valid(c), mobile_phone: '12', were_you_injured: 'yes', describe_your_injuries: '' });
    expect(missing.status).toBe(422);
    const errors = await missing.text();
    expect(errors).toContain('Please check 2 answers below.');
    expect(errors).toContain('Enter a phone number with its area code');
    expect(errors).toMatch(/Describe your injuries: This is required\./);
    expect(errors).toContain('value="9 New Street"');
    expect(await FormSubmission.countDocuments({ requestId: request._id })).toBe(0);

    // A file for the file field, then a valid submission (injured "no": the injury questions are not asked).
    const file = new FormData();
    file.append('_csrf', tablet.csrf);
    file.append('files', new Blob(['%PDF-1.4\npolice report']), 'report.pdf');
    const uploaded = await tablet.post(`/portal/forms/${request._id}/files/photo_of_the_accident_report`, file);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.text()).toContain('Received: report.pdf');
    const sent = await tablet.post(`/portal/forms/${request._id}`, valid(c));
    expect(sent.status).toBe(303);
    const result = await env.temporal.workflow.getHandle(formRequestWorkflowId(String(request._id))).result();
    expect(result.status).toBe('submitted');
    const pdf = await mongoose.connection.db!.collection('documents').findOne({ _id: new Types.ObjectId(result.pdfDocumentId) });
    expect(pdf).toMatchObject({ contactId: c.contact._id, caseId: c.kase._id, mimeType: 'application/pdf' });
    const download = await staff.get(`/contacts/${c.contact._id}/documents/${result.pdfDocumentId}/download`);
    expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await (await staff.get(`/cases/${c.kase._id}?tab=documents&sub=case`)).text()).toContain('Injury questionnaire (submitted');
    const submission = (await FormSubmission.findOne({ requestId: request._id }).lean<FormSubmissionDoc>())!;
    expect(submission.answers).not.toHaveProperty('describe_your_injuries');
    expect(submission.answers.photo_of_the_accident_report).toMatch(/^[0-9a-f]{24}$/);
    // A second submission (another tap, the other device) is refused and the first stands.
    const again = await phone.post(`/portal/forms/${request._id}`, valid(c));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This form was already sent');
    expect(await FormSubmission.countDocuments({ requestId: request._id })).toBe(1);
    expect(await (await phone.get(`/portal/forms/${request._id}`)).text()).toContain('data-testid="portal-form-sent"');
  });

  it('lets staff accept the phone change and reject the address, audited, and undo the phone; script in answers stays text', async () => {
    const c = await client();
    const { request, phone } = await sendForm(c);
    expect((await phone.post(`/portal/forms/${request._id}`, valid(c))).status).toBe(303);
    const review = await (await staff.get(`/cases/${c.kase._id}/forms/${request._id}`)).text();
    expect(review).toMatch(/data-target="phone">.*\+13035571\d{3}.*\+13035550199/s);
    expect(review).toMatch(/data-target="address">.*1 Old Road, Denver.*9 New Street, Boulder/s);
    expect(review).toContain('A car &lt;script&gt;alert(1)&lt;/script&gt; hit mine.');
    expect(review).not.toContain('<script>alert(1)</script>');
    // Nothing changed on the contact until staff decide.
    expect((await Contact.findById(c.contact._id).lean())!.phones[0]!.e164).toBe(c.phone);
    const decided = await staff.post(`/cases/${c.kase._id}/forms/${request._id}/review`, { 'change.phone': 'accept', 'change.address': 'reject' });
    expect(decided.status).toBe(303);
    const after = (await Contact.findById(c.contact._id).lean())!;
    expect(after.phones.find((p) => p.primary)!.e164).toBe('+13035550199');
    expect(after.phones.map((p) => p.e164)).toContain(c.phone); // kept, no longer primary
    expect(after.address).toMatchObject({ street: '1 Old Road', city: 'Denver' });
    expect(await AuditEvent.countDocuments({ action: 'form.review', subjectId: c.contact._id })).toBe(1);
    const undone = await staff.post(`/cases/${c.kase._id}/forms/${request._id}/undo/phone`, {});
    expect(undone.status).toBe(303);
    expect((await Contact.findById(c.contact._id).lean())!.phones.find((p) => p.primary)!.e164).toBe(c.phone);
    expect(await (await staff.get(`/cases/${c.kase._id}/forms/${request._id}`)).text()).toContain('Undone by');
  });

  it('keeps a sent form on the version it was sent with when the template is edited meanwhile', async () => {
    const c = await client();
    const { request, phone } = await sendForm(c);
    const edited = await staff.post(`/admin/forms/${templateId}`, builderForm('Injury questionnaire', [...DEMO_FORM_FIELDS, { type: 'short-text', label: 'Added in version 2', required: true }]));
    expect(edited.status).toBe(303);
    expect((await FormTemplate.findById(templateId).lean())!.currentVersion).toBe(2);
    expect(await (await phone.get(`/portal/forms/${request._id}`)).text()).not.toContain('Added in version 2');
    expect((await phone.post(`/portal/forms/${request._id}`, valid(c))).status).toBe(303);
    const c2 = await client();
    const { request: second } = await sendForm(c2);
    expect(second.versionId).toBe(`${templateId}:2`);
  });

  it('reminds the client of a form not sent back, with a fresh portal link, and closes it at expiry', async () => {
    const c = await client();
    const { request } = await sendForm(c);
    // A second form on a short clock: a reminder a moment after sending, and expiry a few seconds later.
    const short = await sendFormToContact({ caseId: c.kase._id, templateId, contactId: String(c.contact._id), actor });
    if (!short.ok) throw new Error('not sent');
    await startFormRequestWorkflow(env.temporal, { requestId: String(short.request._id), sentAt: new Date(), expiresAt: new Date(Date.now() + 6_000), remindAfterDays: [1 / 86_400], taskQueue: env.taskQueue, actorId: String(actor.id) });
    const text = await eventually(async () => (await rig.captured()).find((m) => m.to === c.phone && (m.text ?? '').includes('Please fill in the form')), 'the form reminder');
    expect(text.text).toMatch(/\/portal\/link\/[A-Za-z0-9_-]{43}/);
    await FormRequest.updateOne({ _id: short.request._id }, { $set: { expiresAt: new Date(Date.now() + 3_000) } });
    const result = await env.temporal.workflow.getHandle(formRequestWorkflowId(String(short.request._id))).result();
    expect(result).toMatchObject({ status: 'expired', reminders: 1 });
    expect((await FormRequest.findById(short.request._id).lean<FormRequestDoc>())!.status).toBe('expired');
    expect(request.status).toBe('open');
  });

  it('refuses another contact\'s form as "not found", and a post without the form token', async () => {
    const a = await client();
    const b = await client();
    const { request } = await sendForm(a);
    const { phone: bPhone } = await sendForm(b);
    expect((await bPhone.get(`/portal/forms/${request._id}`)).status).toBe(404);
    expect((await bPhone.post(`/portal/forms/${request._id}`, valid(a))).status).toBe(404);
    expect((await bPhone.post(`/portal/forms/${request._id}/draft`, { first_name: 'Hijack' })).status).toBe(404);
    const aPhone = await openOnPhone(rig, await shareLinkByText(rig, staff, { contactId: String(a.contact._id), caseId: String(a.kase._id), phone: a.phone }));
    expect((await aPhone.post(`/portal/forms/${request._id}`, valid(a), { csrf: null })).status).toBe(403);
    // An answer posted far larger than any form: refused before it is read, nothing kept.
    expect(await oversizedPost(`${rig.web.url}/portal/forms/${request._id}/draft`, { Cookie: aPhone.cookie, Origin: 'null', 'X-CSRF-Token': aPhone.csrf }, 3 * 1024 * 1024)).toBe(413);
    const stored = (await FormRequest.findById(request._id).lean<FormRequestDoc>())!;
    expect(stored.status).toBe('open');
    expect(stored.draft).not.toHaveProperty('first_name', 'Hijack');
    expect(JSON.stringify(stored.draft).length).toBeLessThan(1000);
  });

  describe('intake', () => {
    let intakeId = '';
    const intakeFields = [
      { type: 'short-text', label: 'First name', required: true, mapsTo: 'firstName' as const },
      { type: 'short-text', label: 'Last name', required: true, mapsTo: 'lastName' as const },
      { type: 'phone', label: 'Mobile phone', required: true, mapsTo: 'phone' as const },
      { type: 'email', label: 'Email', mapsTo: 'email' as const },
      { type: 'long-text', label: 'How can we help?', required: true },
    ];
    async function sendIntake(caseId: Types.ObjectId, to: string) {
      const res = await staff.post(`/cases/${caseId}/forms/intake`, { intakeTemplateId: intakeId, name: 'Nina', channel: 'email', to });
      expect(res.status).toBe(303);
      const mail = await eventually(async () => (await rig.captured()).find((m) => m.to === to && /\/portal\/intake\//.test(m.text ?? '')), `the intake email to ${to}`);
      return { token: /\/portal\/intake\/([A-Za-z0-9_-]{43})/.exec(mail.text!)![1]!, request: (await FormRequest.findOne({ 'intake.to': to }).lean<FormRequestDoc>())! };
    }
    const intakePost = (token: string, body: Record<string, string>, origin = 'null') => fetch(`${rig.web.url}/portal/intake/${token}`, { method: 'POST', redirect: 'manual', headers: { Origin: origin }, body: new URLSearchParams(body) });

    it('sends an intake to someone new by email with a token stored only as its hash; on submission no contact matches, and staff create the contact', async () => {
      const saved = await saveFormTemplate({ name: 'New client intake', intake: true, fields: intakeFields, actor });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
      intakeId = String(saved.version.templateId);
      const kase = await Case.create({ number: '2026-990001', title: 'Intake v. Test' });
      const { token, request } = await sendIntake(kase._id, 'nina.new@example.com');
      expect(request.contactId ?? null).toBeNull();
      expect(await IntakeToken.countDocuments({ _id: hashIntakeToken(token), requestId: request._id })).toBe(1);
      expect(JSON.stringify(await Message.find({ intakeRequestId: request._id }).lean())).not.toContain(token);
      // A mail scanner's fetch sees the form and changes nothing; a forged token opens nothing.
      const page = await fetch(`${rig.web.url}/portal/intake/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await page.text()).toContain('How can we help?');
      expect((await fetch(`${rig.web.url}/portal/intake/${'A'.repeat(43)}`)).status).toBe(404);
      expect((await intakePost(token, { first_name: 'Nina' }, 'https://evil.example')).status).toBe(403);
      const sent = await intakePost(token, { first_name: 'Nina', last_name: 'Newperson', mobile_phone: '(720) 555-0111', email: 'nina.new@example.com', how_can_we_help: 'My landlord kept my deposit.' });
      expect(sent.status).toBe(303);
      const after = await (await fetch(`${rig.web.url}/portal/intake/${token}`)).text();
      expect(after).toContain('data-testid="portal-form-sent"');
      expect(after).not.toContain('My landlord kept my deposit.'); // nothing shown back from the link once sent
      expect((await intakePost(token, { first_name: 'Again' })).status).toBe(409);

      const review = await (await staff.get(`/cases/${kase._id}/forms/${request._id}`)).text();
      expect(review).toContain('No existing contact looks like this person.');
      expect((await staff.post(`/cases/${kase._id}/forms/${request._id}/intake`, { choice: 'new', role: 'client' })).status).toBe(303);
      const contact = (await Contact.findOne({ lastName: 'Newperson' }).lean())!;
      expect(contact).toMatchObject({ firstName: 'Nina', source: 'intake' });
      expect(contact.phones[0]!.e164).toBe('+17205550111');
      expect((await Case.findById(kase._id).lean())!.contacts.map((l) => String(l.contactId))).toContain(String(contact._id));
      const settled = (await FormRequest.findById(request._id).lean<FormRequestDoc>())!;
      expect(String(settled.contactId)).toBe(String(contact._id));
      const submission = (await FormSubmission.findOne({ requestId: request._id }).lean<FormSubmissionDoc>())!;
      expect(submission.pdfDocumentId).toBeTruthy();
      // Settled once: a second choice is refused.
      expect((await staff.post(`/cases/${kase._id}/forms/${request._id}/intake`, { choice: 'new', role: 'client' })).status).toBe(422);
      expect(await Contact.countDocuments({ lastName: 'Newperson' })).toBe(1);
    });

    it('finds the existing contact an intake comes from, with the reasons, and links it; the answers then propose changes to review', async () => {
      const c = await client();
      const kase = await Case.create({ number: '2026-990002', title: 'Intake match' });
      // The duplicate check reads the web server's contact index, which follows the change log: wait until it lists the contact.
      await eventually(async () => (await (await staff.get(`/contacts?q=${encodeURIComponent(c.contact.firstName!)}`)).text()).includes(`/contacts/${c.contact._id}`), 'the contact in the list index');
      const { token, request } = await sendIntake(kase._id, 'fern.other@example.com');
      expect((await intakePost(token, { first_name: c.contact.firstName!, last_name: 'Form', mobile_phone: c.phone, email: 'fern.other@example.com', how_can_we_help: 'Again me.' })).status).toBe(303);
      const submission = (await FormSubmission.findOne({ requestId: request._id }).lean<FormSubmissionDoc>())!;
      expect(submission.intakeMatches!.map((m) => String(m.contactId))).toContain(String(c.contact._id));
      const review = await (await staff.get(`/cases/${kase._id}/forms/${request._id}`)).text();
      expect(review).toMatch(/data-testid="intake-match">.*This is <a href="\/contacts\/[0-9a-f]{24}">Fern\d+ Form<\/a>.*Alike:/s);
      // Only a contact the check offered can be chosen.
      expect((await staff.post(`/cases/${kase._id}/forms/${request._id}/intake`, { choice: String(new Types.ObjectId()), role: 'client' })).status).toBe(422);
      expect((await staff.post(`/cases/${kase._id}/forms/${request._id}/intake`, { choice: String(c.contact._id), role: 'client' })).status).toBe(303);
      expect(String((await FormRequest.findById(request._id).lean<FormRequestDoc>())!.contactId)).toBe(String(c.contact._id));
      const after = await (await staff.get(`/cases/${kase._id}/forms/${request._id}`)).text();
      expect(after).toMatch(/data-target="email">.*fern\d+@example\.com.*fern\.other@example\.com/s);
      expect(await Contact.countDocuments({ _id: c.contact._id, 'emails.address': 'fern.other@example.com' })).toBe(0); // not until accepted
    });
  });
});
