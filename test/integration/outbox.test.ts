import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../activities/contacts/create-contact';
import { queueMessage, type QueueMessageInput } from '../../activities/outbox/queue-message';
import { Contact, Message, SmsNumber } from '../../db/models/index';
import { linkedRecords } from '../../db/contacts/contact-links';
import { messageDeliveryResult, readDeliveryState, startMessageDelivery } from '../../temporal/deliver-message';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { eventually, openOutboxRig, zoneWhereItIsNow, type OutboxRig } from '../support/outbox-rig';

const ACTOR = { id: new Types.ObjectId('65a000000000000000000009'), name: 'Olive Outbox' };

// The outbox end to end (issue #17): the real worker process sends through the real SendGrid and Twilio SDKs to
// the capture server over HTTP, which calls the real webhooks of a real web server; Temporal and the database are real.
describe('outbox: DeliverMessageWorkflow through the capture server', () => {
  let env: TestEnv;
  let rig: OutboxRig;
  let worker: WorkerProcess;

  beforeAll(async () => {
    env = await openTestEnv('outbox');
    rig = await openOutboxRig(env, 'outbox');
    worker = await startWorkerProcess({ ...env, extraEnv: rig.workerEnv });
  });
  afterAll(async () => {
    await worker?.kill();
    await rig?.web.close();
    await env?.close();
  });

  let seq = 0;
  /** A contact reachable at its own number and address; `late` puts it in a zone where it is the middle of the night. */
  async function contact(o: { late?: boolean; region?: string; phoneEnd?: string; email?: string } = {}) {
    seq++;
    const created = await createContact({
      input: {
        firstName: 'Olga',
        lastName: `Outbox${seq}`,
        phones: [{ raw: `+1303588${o.phoneEnd ?? String(1000 + seq)}`, primary: true, type: 'mobile' }],
        emails: [{ address: o.email ?? `olga${seq}@example.com`, primary: true }],
        address: o.region ? { region: o.region, country: 'US' } : undefined,
        timezone: zoneWhereItIsNow(o.late ? 3 : 14),
      },
      actor: ACTOR,
      region: 'US',
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.contact;
  }
  async function send(input: Omit<QueueMessageInput, 'purpose' | 'actor'>) {
    const queued = await queueMessage({ ...input, purpose: 'staff-message', actor: ACTOR });
    if (!queued.ok) throw new Error(JSON.stringify(queued.errors));
    await startMessageDelivery(env.temporal, { messageId: queued.messageId, taskQueue: env.taskQueue, channel: input.channel, purpose: 'staff-message', actorId: String(ACTOR.id) });
    return queued.messageId;
  }
  const message = (id: string) => Message.findById(id).lean();
  const statusBecomes = (id: string, status: string) => eventually(async () => (await message(id))?.status === status && (await message(id)), `message ${id} to be ${status}`);

  it('emails a contact through SendGrid\'s SDK: tagged with the outbox id only, delivered per the signed Event Webhook', async () => {
    const c = await contact();
    const id = await send({ contactId: c._id, channel: 'email', to: c.emails![0]!.address, subject: 'Your deposition', body: 'See you on <Tuesday> & bring ID.' });
    expect(await messageDeliveryResult(env.temporal, id)).toMatchObject({ status: 'accepted' });
    const done = await statusBecomes(id, 'delivered');
    const captured = (await rig.captured()).find((m) => m.customArgs?.outbox_id === id)!;
    expect(captured).toMatchObject({ provider: 'sendgrid', to: c.emails![0]!.address, subject: 'Your deposition' });
    expect(captured.customArgs).toEqual({ outbox_id: id }); // no client data in provider metadata
    expect(captured.text).toContain('See you on <Tuesday> & bring ID.'); // the text part as typed
    expect(done.html).toContain('See you on &lt;Tuesday&gt; &amp; bring ID.'); // the HTML part escaped
    expect(done.providerMessageId).toBe(captured.id);
    expect(done.timeline!.sort((a, b) => a.at.getTime() - b.at.getTime()).map((t) => t.status)).toEqual(['queued', 'sending', 'accepted', 'delivered']);
    expect((await linkedRecords('message', c._id)).refs.map((r) => String(r.id))).toContain(id);
  });

  it('ignores a replayed event and one that arrives out of order: the status never moves back', async () => {
    const c = await contact();
    const id = await send({ contactId: c._id, channel: 'email', to: c.emails![0]!.address, subject: 'Order', body: 'Events out of order' });
    await statusBecomes(id, 'delivered');
    const captured = (await rig.captured()).find((m) => m.customArgs?.outbox_id === id)!;
    const replay = await (await rig.capture(`/_capture/messages/${captured.id}/replay`, {})).json();
    expect(replay.callbacks.at(-1)).toMatchObject({ status: 200 });
    await rig.capture(`/_capture/messages/${captured.id}/event-batch`, { events: ['delivered', 'processed'] });
    const after = await message(id);
    expect(after!.status).toBe('delivered');
    expect(after!.timeline!.filter((t) => t.status === 'delivered')).toHaveLength(1);
  });

  it('refuses forged webhooks (403) and changes nothing', async () => {
    const c = await contact();
    const id = await send({ contactId: c._id, channel: 'email', to: c.emails![0]!.address, subject: 'Forgery', body: 'Real one' });
    await statusBecomes(id, 'delivered');
    const forgedSendGrid = await fetch(`${rig.web.url}/webhooks/sendgrid/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Twilio-Email-Event-Webhook-Signature': 'MEUCIQDforged', 'X-Twilio-Email-Event-Webhook-Timestamp': String(Math.floor(Date.now() / 1000)) },
      body: JSON.stringify([{ event: 'bounce', sg_event_id: 'forged-1', outbox_id: id, timestamp: Math.floor(Date.now() / 1000) }]),
    });
    expect(forgedSendGrid.status).toBe(403);
    const forgedTwilio = await fetch(`${rig.web.url}/webhooks/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'bm90IGEgc2lnbmF0dXJl' },
      body: new URLSearchParams({ MessageSid: 'SM' + '0'.repeat(32), From: c.phones![0]!.e164!, To: rig.account.twilioFrom, Body: 'STOP', AccountSid: rig.account.twilioAccountSid }),
    });
    expect(forgedTwilio.status).toBe(403);
    expect((await message(id))!.status).toBe('delivered');
    expect((await Contact.findById(c._id).lean())!.preferences?.doNotContact?.sms).toBe(false);
  });

  it('texts through Twilio\'s SDK, and a STOP reply opts the number out: the profile preference changes and later texts are refused', async () => {
    const c = await contact();
    const number = c.phones![0]!.e164!;
    const id = await send({ contactId: c._id, channel: 'sms', to: number, body: 'Your hearing moved to 3 pm.' });
    const sent = await statusBecomes(id, 'delivered');
    expect(sent.body).toMatch(/^Casebook Law: Your hearing moved to 3 pm\. Reply STOP to stop texts\.$/);
    const reply = await (await rig.capture('/_capture/twilio/inbound', { accountSid: rig.account.twilioAccountSid, from: number, to: rig.account.twilioFrom, body: 'Stop', webhookUrl: `${rig.web.url}/webhooks/twilio/inbound` })).json();
    expect(reply.webhookStatus).toBe(200);
    expect((await Contact.findById(c._id).lean())!.preferences?.doNotContact?.sms).toBe(true);
    expect(await SmsNumber.findById(number).lean()).toMatchObject({ optedOut: true, keyword: 'STOP' });
    const history = await Message.find({ contactId: c._id, direction: 'inbound' }).lean();
    expect(history.map((m) => m.body)).toEqual(['Stop']);
    const refused = await queueMessage({ contactId: c._id, channel: 'sms', to: number, body: 'again?', purpose: 'staff-message', actor: ACTOR });
    expect(refused).toEqual({ ok: false, errors: [{ field: 'channel', message: 'The contact asked not to be texted.' }] });
    // The same reply delivered twice is one message in the history.
    await rig.capture('/_capture/twilio/inbound', { accountSid: rig.account.twilioAccountSid, from: number, to: rig.account.twilioFrom, body: 'Thanks', webhookUrl: `${rig.web.url}/webhooks/twilio/inbound` });
    expect((await Message.find({ contactId: c._id, direction: 'inbound' }).lean()).map((m) => m.body).sort()).toEqual(['Stop', 'Thanks']);
  });

  it('holds a text sent in the contact\'s night on a durable timer, and suppresses one to a contact who asked for no texts meanwhile', async () => {
    const c = await contact({ late: true });
    const id = await send({ contactId: c._id, channel: 'sms', to: c.phones![0]!.e164!, body: 'Late news' });
    const held = await statusBecomes(id, 'held');
    const until = held.holdUntil!.getTime();
    expect(until).toBeGreaterThan(Date.now() + 3 * 3600_000);
    expect(await eventually(() => readDeliveryState(env.temporal, id).then((s) => s?.status === 'held' && s), 'the workflow to say held')).toMatchObject({ until: held.holdUntil!.toISOString() });
    expect((await rig.captured()).some((m) => m.text?.includes('Late news'))).toBe(false);
    await env.temporal.workflow.getHandle(`message-${id}`).terminate('test over');
  });

  it('fails a text to a landline and an email that bounces, each with a reason staff can read', async () => {
    const landline = await contact({ phoneEnd: '0000' });
    const sms = await send({ contactId: landline._id, channel: 'sms', to: landline.phones![0]!.e164!, body: 'To a desk phone' });
    expect(await messageDeliveryResult(env.temporal, sms)).toEqual({ status: 'failed', reason: 'The number is a landline, not a mobile' });
    const bouncing = await contact({ email: `nobody${seq}@bounce.test` });
    const email = await send({ contactId: bouncing._id, channel: 'email', to: bouncing.emails![0]!.address, subject: 'Hello', body: 'Anyone there?' });
    const bounced = await statusBecomes(email, 'bounced');
    expect(bounced.statusReason).toMatch(/^The email bounced: 550 5\.1\.1/);
  });

  it('waits out a provider outage and then sends a recipient\'s texts in the order they were queued', async () => {
    const c = await contact();
    const number = c.phones![0]!.e164!;
    await rig.capture('/_capture/faults', { provider: 'twilio', status: 503, count: 3 });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await send({ contactId: c._id, channel: 'sms', to: number, body: `Part ${n} of 3` }));
    for (const id of ids) expect(await messageDeliveryResult(env.temporal, id)).toMatchObject({ status: 'accepted' });
    const order = (await rig.captured()).filter((m) => m.to === number).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)).map((m) => /Part (\d)/.exec(m.text!)![1]);
    expect(order).toEqual(['1', '2', '3']);
    const first = await message(ids[0]!);
    expect(first!.attempts!.filter((a) => a.outcome === 'transient').length).toBeGreaterThan(0);
  });

  it('follows a merge: a message queued to a contact merged away meanwhile goes out from the survivor\'s history', async () => {
    const loser = await contact();
    const survivor = await contact({ email: loser.emails![0]!.address });
    const queued = await queueMessage({ contactId: loser._id, channel: 'email', to: loser.emails![0]!.address, subject: 'Merged', body: 'Follows the merge', purpose: 'staff-message', actor: ACTOR });
    if (!queued.ok) throw new Error('not queued');
    await Contact.updateOne({ _id: loser._id }, { $set: { mergedInto: survivor._id } });
    await startMessageDelivery(env.temporal, { messageId: queued.messageId, taskQueue: env.taskQueue, channel: 'email', purpose: 'staff-message' });
    expect(await messageDeliveryResult(env.temporal, queued.messageId)).toMatchObject({ status: 'accepted' });
    expect(String((await message(queued.messageId))!.contactId)).toBe(String(survivor._id));
    expect((await linkedRecords('message', survivor._id)).refs.map((r) => String(r.id))).toContain(queued.messageId);
    expect((await linkedRecords('message', loser._id)).refs.map((r) => String(r.id))).not.toContain(queued.messageId);
  });

  it('sends nothing twice when the worker is killed after the provider accepted but before Casebook recorded it', async () => {
    const c = await contact();
    // The capture server takes each message and keeps its answer (and, like a provider whose webhooks lag, sends no
    // delivery webhook): the worker is killed while waiting for the answer.
    await rig.capture('/_capture/faults', { holdResponses: true, callbacksOff: true });
    const sms = await send({ contactId: c._id, channel: 'sms', to: c.phones![0]!.e164!, body: 'Exactly once, please' });
    const email = await send({ contactId: c._id, channel: 'email', to: c.emails![0]!.address, subject: 'Once', body: 'Exactly once, by email' });
    await eventually(async () => ((await (await rig.capture('/_capture/held')).json()) as { held: number }).held >= 2, 'both sends to reach the provider');
    await worker.kill('SIGKILL');
    await rig.capture('/_capture/faults', undefined, 'DELETE');
    worker = await startWorkerProcess({ ...env, extraEnv: rig.workerEnv });
    // The new worker retries each send after its attempt times out, finds it at the provider, and records it.
    expect(await messageDeliveryResult(env.temporal, sms)).toMatchObject({ status: 'accepted' });
    expect(await messageDeliveryResult(env.temporal, email)).toMatchObject({ status: 'accepted' });
    const all = await rig.captured();
    const texts = all.filter((m) => m.text?.includes('Exactly once, please'));
    const emails = all.filter((m) => m.customArgs?.outbox_id === email);
    expect(texts).toHaveLength(1);
    expect(emails).toHaveLength(1);
    for (const [id, captured] of [[sms, texts[0]!], [email, emails[0]!]] as const) {
      const m = await message(id);
      expect(m!.attempts).toMatchObject([{ n: 1, outcome: 'found-earlier', providerMessageId: captured.id }]);
      expect(m!.providerMessageId).toBe(captured.id);
    }
  }, 120_000);
});
