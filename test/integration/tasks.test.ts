import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { linkContactToCase } from '../../activities/cases/link-contact-to-case';
import { createTask, dueAtOf } from '../../activities/tasks/create-tasks';
import { config } from '../../config/config';
import { Case, Message, PortalNotice, Task, type TaskDoc } from '../../db/models/index';
import { addDays, daysOverdue, todayIn } from '../../domain/tasks/task-due';
import { startTaskReminders } from '../../temporal/task-reminder';
import { taskWorkflowId } from '../../workflows/messages/task-reminder';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { eventually, openOutboxRig, zoneWhereItIsNow, type OutboxRig } from '../support/outbox-rig';
import { openOnPhone, shareLinkByText, staffAgent, tokensTextedTo, type StaffAgent } from '../support/portal-visitor';
import { createTestAdmin } from '../support/web-server';

// Tasks on a case (issue #20) on the real servers: staff add them over HTTP, TaskReminderWorkflow on a real
// worker texts the client through the capture server, the client does them on the portal, and the attacker tries.
describe('Tasks', () => {
  let env: TestEnv;
  let rig: OutboxRig;
  let worker: WorkerProcess;
  let staff: StaffAgent;
  let actor: { id: Types.ObjectId; name: string };

  beforeAll(async () => {
    env = await openTestEnv('tasks');
    rig = await openOutboxRig(env, 'tasks');
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

  let seq = 0;
  async function client() {
    seq++;
    const phone = `+1303556${String(1000 + seq).slice(-4)}`;
    const created = await createContact({ input: { firstName: `Tess${seq}`, lastName: 'Task', phones: [{ raw: phone, type: 'mobile', primary: true }], emails: [{ address: `tess${seq}@example.com`, primary: true }], preferences: { channel: 'sms' }, timezone: zoneWhereItIsNow(14) }, actor, region: 'US' });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const kase = await Case.create({ number: `2026-8${String(seq).padStart(5, '0')}`, title: `Task v. Test ${seq}` });
    await linkContactToCase({ caseId: kase._id, contactId: created.contact._id, role: 'client', actor });
    return { contact: created.contact, kase, phone: created.contact.phones[0]!.e164! };
  }
  const tasksOn = (caseId: Types.ObjectId) => Task.find({ caseId }).sort({ createdAt: 1 }).lean<TaskDoc[]>();
  const textsTo = async (to: string) => (await rig.captured()).filter((m) => m.to === to).map((m) => m.text ?? '');
  const workflowStatus = async (taskId: unknown) => (await env.temporal.workflow.getHandle(taskWorkflowId(String(taskId))).describe()).status.name;

  it('adds a template\'s tasks from the Tasks tab with due dates from today, starts reminders for the client\'s, and refuses a bad form with the reasons', async () => {
    const c = await client();
    const res = await staff.post(`/cases/${c.kase._id}/tasks/from-template`, { templateKey: 'personal-injury-intake', clientId: String(c.contact._id), staffId: String(actor.id) });
    expect(res.status).toBe(303);
    const tasks = await tasksOn(c.kase._id);
    expect(tasks.map((t) => [t.title, t.assignee.kind])).toEqual([['Sign the retainer', 'client'], ['Upload a photo ID', 'client'], ['List your medical providers', 'client'], ['Request the medical records', 'staff']]);
    const today = todayIn(config.FIRM_TIMEZONE, new Date());
    expect(tasks[0]!.dueOn).toBe(addDays(today, 3));
    expect(tasks[2]!.checklist.map((i) => i.label)).toEqual(['Names and addresses', 'Dates of treatment', 'Health insurance card']);
    for (const t of tasks.slice(0, 3)) expect(await workflowStatus(t._id)).toBe('RUNNING');
    await expect(env.temporal.workflow.getHandle(taskWorkflowId(String(tasks[3]!._id))).describe()).rejects.toThrow(); // staff tasks are not reminded
    const tab = await (await staff.get(`/cases/${c.kase._id}?tab=tasks&saved=template`)).text();
    expect(tab).toContain('Tasks added from the template.');
    expect(tab.match(/data-testid="case-task"/g)).toHaveLength(4);
    expect(tab).toContain(`Share Link with ${c.contact.firstName}`);

    // A bad form: the page again, with each reason beside its field and what was typed kept.
    const bad = await staff.post(`/cases/${c.kase._id}/tasks`, { title: '', assignee: `client:${new Types.ObjectId()}`, dueOn: '2026-02-30', description: 'kept <b>as typed</b>' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Give the task a title.');
    expect(html).toContain('That day does not exist.');
    expect(html).toContain('Choose who does this');
    expect(html).toContain('kept &lt;b&gt;as typed&lt;/b&gt;');
    expect(await Task.countDocuments({ caseId: c.kase._id })).toBe(4);
  });

  it('texts the client about an overdue task, with a fresh link to their portal, lists it as overdue for staff, and stops when staff mark it done', async () => {
    const c = await client();
    await shareLinkByText(rig, staff, { contactId: String(c.contact._id), caseId: String(c.kase._id), phone: c.phone });
    const before = await tokensTextedTo(rig, c.phone);
    const dueOn = addDays(todayIn(config.FIRM_TIMEZONE, new Date()), -3);
    const res = await staff.post(`/cases/${c.kase._id}/tasks`, { title: 'Send the police report', assignee: `client:${c.contact._id}`, dueOn, asksForFile: '1' });
    expect(res.status).toBe(303);
    const [task] = await tasksOn(c.kase._id);
    const text = await eventually(async () => (await textsTo(c.phone)).find((t) => t.includes('Send the police report')), 'the overdue reminder');
    expect(text).toMatch(/was due on .* and is not done yet/);
    const linkToken = await eventually(async () => (await tokensTextedTo(rig, c.phone)).find((t) => !before.includes(t)), 'the token in the reminder');
    expect(linkToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const overdue = await (await staff.get('/tasks')).text();
    expect(overdue).toContain('Send the police report');
    // Two or three whole days, depending on the hour: the task fell due at 17:00 firm time three days ago.
    const days = daysOverdue(dueAtOf(dueOn), new Date());
    expect(overdue).toContain(`${days} days overdue`);
    expect(await (await staff.get('/tasks?mine=1')).text()).not.toContain('Send the police report'); // the client's, not the admin's

    expect((await staff.post(`/cases/${c.kase._id}/tasks/${task!._id}/done`, {})).status).toBe(303);
    const result = await env.temporal.workflow.getHandle(taskWorkflowId(String(task!._id))).result();
    expect(result.status).toBe('done');
    expect(await Message.countDocuments({ contactId: c.contact._id, purpose: 'task-reminder' })).toBe(1);
    // A task given well before it fell due, whose reminders start only now: the overdue reminder, and never
    // "due on" after it (the morning-before step is skipped once a later one has gone).
    const old = await createTask({ caseId: c.kase._id, input: { title: 'Sign the medical release', assignee: `client:${c.contact._id}`, dueOn }, actor, now: new Date(Date.now() - 10 * 86_400_000) });
    if (!old.ok) throw new Error('not created');
    await startTaskReminders(env.temporal, { taskId: String(old.tasks[0]!._id), dueAt: old.tasks[0]!.dueAt, taskQueue: env.taskQueue, actorId: String(actor.id) });
    await eventually(async () => (await textsTo(c.phone)).find((t) => t.includes('Sign the medical release')), 'the old task\'s overdue reminder');
    expect((await staff.post(`/cases/${c.kase._id}/tasks/${old.tasks[0]!._id}/done`, {})).status).toBe(303);
    await env.temporal.workflow.getHandle(taskWorkflowId(String(old.tasks[0]!._id))).result();
    const oldTexts = (await Message.find({ contactId: c.contact._id, purpose: 'task-reminder' }).lean()).map((m) => m.body).filter((b) => b.includes('Sign the medical release'));
    expect(oldTexts).toHaveLength(1);
    expect(oldTexts[0]).toContain('is not done yet');
    expect(await (await staff.get('/tasks')).text()).not.toContain('Send the police report');
    const done = (await Task.findById(task!._id).lean<TaskDoc>())!;
    expect(done.doneBy!.name).toBe(actor.name);
    expect(done.history.map((h) => h.what)).toEqual(['created it', 'marked it done']);
  });

  it('reminds the morning before a task falls due, unless it was given after that morning', async () => {
    const c = await client();
    const now = new Date();
    // The first day whose close of business is still ahead: its morning-before reminder time has passed.
    let dueOn = todayIn(config.FIRM_TIMEZONE, now);
    while (dueAtOf(dueOn) <= now) dueOn = addDays(dueOn, 1);
    const given = await createTask({ caseId: c.kase._id, input: { title: 'Bring your ID to the meeting', assignee: `client:${c.contact._id}`, dueOn }, actor, now: new Date(now.getTime() - 3 * 86_400_000) });
    const fresh = await createTask({ caseId: c.kase._id, input: { title: 'Just given today', assignee: `client:${c.contact._id}`, dueOn }, actor });
    if (!given.ok || !fresh.ok) throw new Error('tasks not created');
    for (const t of [given.tasks[0]!, fresh.tasks[0]!]) await startTaskReminders(env.temporal, { taskId: String(t._id), dueAt: t.dueAt, taskQueue: env.taskQueue, actorId: String(actor.id) });
    const text = await eventually(async () => (await textsTo(c.phone)).find((t) => t.includes('Bring your ID')), 'the reminder before it is due');
    expect(text).toMatch(/is due on/);
    expect(text).toContain('ask us for a new one'); // no live link to carry
    // The fresh task's workflow reached its next step (overdue, tomorrow) without a text.
    await eventually(async () => (await env.temporal.workflow.getHandle(taskWorkflowId(String(fresh.tasks[0]!._id))).fetchHistory()).events!.some((e) => e.activityTaskCompletedEventAttributes), 'the fresh task\'s reminder step');
    expect((await textsTo(c.phone)).some((t) => t.includes('Just given today'))).toBe(false);
  });

  it('lets the client do their tasks on the portal, by sending the file or marking done, and staff see who did what', async () => {
    const c = await client();
    const made = await staff.post(`/cases/${c.kase._id}/tasks/from-template`, { templateKey: 'personal-injury-intake', clientId: String(c.contact._id), staffId: String(actor.id) });
    expect(made.status).toBe(303);
    const [retainer, photoId, providers, staffTask] = await tasksOn(c.kase._id);
    const phone = await openOnPhone(rig, await shareLinkByText(rig, staff, { contactId: String(c.contact._id), caseId: String(c.kase._id), phone: c.phone }));
    const home = await (await phone.get('/portal')).text();
    expect(home.match(/data-testid="portal-task"/g)).toHaveLength(3);
    expect(home).toContain('Sign the retainer');
    expect(home).not.toContain('Request the medical records'); // the firm's own task

    // Ticks a checklist item, then marks the task done.
    const tick = await phone.post(`/portal/tasks/${providers!._id}/checklist/${providers!.checklist[0]!.id}`, { done: '1' });
    expect(tick.status).toBe(200);
    expect(await tick.text()).toMatch(/aria-pressed="true"><span aria-hidden="true">☑<\/span> Names and addresses/);
    const done = await phone.post(`/portal/tasks/${providers!._id}/done`, {});
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Thank you: “List your medical providers” is done.');
    // A second tap (another device) changes nothing and says so.
    expect(await (await phone.post(`/portal/tasks/${providers!._id}/done`, {})).text()).toContain('was already done');
    // A task that asks for a file is not "done" without it.
    expect((await phone.post(`/portal/tasks/${retainer!._id}/done`, {})).status).toBe(422);

    // The file: stored as the client's document on the task's case, the task done, its reminders stopped.
    const form = new FormData();
    form.append('_csrf', phone.csrf);
    form.append('files', new Blob(['%PDF-1.4\nsigned retainer']), 'signed retainer.pdf');
    const sent = await phone.post(`/portal/tasks/${retainer!._id}/files`, form);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('we received “signed retainer.pdf” for “Sign the retainer”');
    const stored = (await Task.findById(retainer!._id).lean<TaskDoc>())!;
    expect(stored.doneAt).toBeTruthy();
    expect(stored.doneBy).toMatchObject({ kind: 'client', name: `${c.contact.firstName} ${c.contact.lastName}` });
    const doc = await mongoose.connection.db!.collection('documents').findOne({ _id: stored.documentIds[0] });
    expect(doc).toMatchObject({ contactId: c.contact._id, caseId: c.kase._id, fromClient: true, name: 'signed retainer.pdf' });
    expect((await env.temporal.workflow.getHandle(taskWorkflowId(String(retainer!._id))).result()).status).toBe('done');

    // A disguised executable is refused, and the task stays open.
    const bad = new FormData();
    bad.append('_csrf', phone.csrf);
    bad.append('files', new Blob([Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 1)])]), 'id.jpg');
    const refused = await phone.post(`/portal/tasks/${photoId!._id}/files`, bad);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/id\.jpg was not sent/);
    expect((await Task.findById(photoId!._id).lean<TaskDoc>())!.doneAt).toBeFalsy();

    // Staff see who did what, and Client activity has it.
    const tab = await (await staff.get(`/cases/${c.kase._id}?tab=tasks`)).text();
    expect(tab).toMatch(/data-testid="task-done-by">Tess\d+ Task \(client\)/);
    expect(tab).toContain('sent “signed retainer.pdf” and marked it done');
    expect(tab).toContain('ticked “Names and addresses”');
    expect(await PortalNotice.countDocuments({ contactId: c.contact._id, kind: 'task' })).toBe(2);
    expect(staffTask!.assignee.kind).toBe('staff');
  });

  it('refuses, as "not found", a task of another contact, a staff task, a task on a case the link does not open, and a post without the form token', async () => {
    const a = await client();
    const b = await client();
    const other = await Case.create({ number: '2026-899999', title: 'Other case' });
    await linkContactToCase({ caseId: other._id, contactId: a.contact._id, role: 'client', actor });
    const mk = async (caseId: Types.ObjectId, assignee: string, title: string) => {
      const r = await createTask({ caseId, input: { title, assignee, dueOn: addDays(todayIn(config.FIRM_TIMEZONE, new Date()), 5) }, actor });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.tasks[0]!;
    };
    const ofB = await mk(b.kase._id, `client:${b.contact._id}`, 'Task of another contact');
    const staffOnly = await mk(a.kase._id, `staff:${actor.id}`, 'Task of the firm');
    const offLink = await mk(other._id, `client:${a.contact._id}`, 'Task on a case the link does not open');
    const own = await mk(a.kase._id, `client:${a.contact._id}`, 'Task of this contact');
    const phone = await openOnPhone(rig, await shareLinkByText(rig, staff, { contactId: String(a.contact._id), caseId: String(a.kase._id), phone: a.phone }));
    for (const t of [ofB, staffOnly, offLink]) {
      const res = await phone.post(`/portal/tasks/${t._id}/done`, {});
      expect(res.status).toBe(404);
      expect((await Task.findById(t._id).lean<TaskDoc>())!.doneAt).toBeFalsy();
    }
    expect((await phone.post(`/portal/tasks/not-an-id/done`, {})).status).toBe(404);
    const home = await (await phone.get('/portal')).text();
    expect(home).toContain(own.title);
    for (const t of [ofB, staffOnly, offLink]) expect(home).not.toContain(t.title);
    // Without the form token: refused, nothing done.
    expect((await phone.post(`/portal/tasks/${own._id}/done`, {}, { csrf: null })).status).toBe(403);
    expect((await Task.findById(own._id).lean<TaskDoc>())!.doneAt).toBeFalsy();
    const noToken = new FormData();
    noToken.append('files', new Blob(['%PDF-1.4\nforged']), 'forged.pdf');
    expect((await phone.post(`/portal/tasks/${own._id}/files`, noToken)).status).toBe(403);
    expect(await mongoose.connection.db!.collection('documents').countDocuments({ contactId: a.contact._id })).toBe(0);
    expect((await Task.findById(own._id).lean<TaskDoc>())!.doneAt).toBeFalsy();
    // Without a session at all.
    expect((await fetch(`${rig.web.url}/portal/tasks/${own._id}/done`, { method: 'POST', headers: { Origin: 'null' }, body: new URLSearchParams({ _csrf: phone.csrf }) })).status).toBe(401);
  });
});
