import fc from 'fast-check';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedRecords } from '../../db/contacts/contact-links';
import { loadMerge } from '../../activities/merge/merge-steps';
import { requestMerge } from '../../activities/merge/request-merge';
import { requestUnmerge } from '../../activities/merge/request-unmerge';
import { AuditEvent, Case, Contact, ContactDocument, Message, Note } from '../../db/models/index';
import { defaultChoices, SINGLE_VALUE_FIELDS, type MergeableContact } from '../../domain/merge/merge-fields';
import { startMergeWorkflow } from '../../temporal/merge-contacts';
import { createLinkedContacts, type LinkedContactSpec } from '../../scripts/fixtures/linked-contacts';
import { databaseState } from '../support/database-state';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

const ACTOR = { id: new Types.ObjectId('65a000000000000000000001'), name: 'Test Admin' };

describe('MergeContactsWorkflow and UnmergeContactsWorkflow on the real servers', () => {
  let env: TestEnv;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    env = await openTestEnv('merge');
    worker = await startWorkerProcess(env);
  });
  afterAll(async () => {
    await worker?.kill();
    await env.close();
  });

  async function merge(ids: Types.ObjectId[], survivorIndex: number, pickField: (field: string) => number) {
    const contacts = await Contact.find({ _id: { $in: ids } }).lean<MergeableContact[]>();
    const ordered = ids.map((id) => contacts.find((c) => String(c._id) === String(id))!);
    const survivorId = ids[survivorIndex]!;
    const choices = defaultChoices(ordered, String(survivorId));
    for (const f of SINGLE_VALUE_FIELDS) choices.fields[f] = String(ids[pickField(f) % ids.length]);
    const request = await requestMerge({ survivorId, loserIds: ids.filter((_, i) => i !== survivorIndex), choices, actor: ACTOR });
    if (!request.ok) throw new Error(request.reason);
    return request.mergeId;
  }
  const run = async (mergeId: string, kind: 'merge' | 'unmerge') => {
    const workflowId = await startMergeWorkflow(env.temporal, { mergeId, taskQueue: env.taskQueue, actorId: String(ACTOR.id), kind, summary: `test ${kind}` });
    return env.temporal.workflow.getHandle(workflowId).result();
  };

  it('moves every linked item to the survivor and unmerge restores the database exactly (random contacts, property-style)', async () => {
    const spec = fc.record({ cases: fc.nat(3), messages: fc.nat(25), notes: fc.nat(4), documents: fc.nat(3), installed: fc.boolean() });
    const scenario = fc.record({ specs: fc.array(spec, { minLength: 2, maxLength: 5 }), sharedCases: fc.nat(2), survivor: fc.nat(4), fieldPick: fc.nat(4) });
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const specs: LinkedContactSpec[] = s.specs.map((x, i) => ({ ...x, firstName: `First${i}`, lastName: `Last${i}`, phone: `415555${String(1000 + i)}`, email: `p${i}@example.com` }));
        const ids = await createLinkedContacts(specs, { sharedCases: s.sharedCases });
        const before = await databaseState();
        const survivorIndex = s.survivor % ids.length;
        const mergeId = await merge(ids, survivorIndex, (f) => s.fieldPick + f.length);
        expect(await run(mergeId, 'merge')).toEqual({ status: 'completed' });

        // Every linked item is now reachable from the survivor, and counts add up.
        const survivorId = ids[survivorIndex]!;
        const total = (k: 'messages' | 'notes' | 'documents') => specs.reduce((n, x) => n + x[k], 0);
        expect((await linkedRecords('message', survivorId)).total).toBe(total('messages'));
        expect((await linkedRecords('note', survivorId)).total).toBe(total('notes'));
        expect((await linkedRecords('document', survivorId)).total).toBe(total('documents'));
        expect((await linkedRecords('case', survivorId)).total).toBe(specs.reduce((n, x) => n + x.cases, 0) + s.sharedCases);
        const allIds = { $in: ids };
        expect(await Message.countDocuments({ contactId: survivorId })).toBe(total('messages'));
        expect(await Message.countDocuments({ contactId: allIds })).toBe(total('messages'));
        expect(await Note.countDocuments({ contactId: survivorId })).toBe(total('notes'));
        expect(await ContactDocument.countDocuments({ contactId: survivorId })).toBe(total('documents'));
        const cases = await Case.find({ 'contacts.contactId': allIds }).lean();
        for (const c of cases) {
          expect(c.contacts.filter((l) => String(l.contactId) === String(survivorId))).toHaveLength(1);
          expect(c.contacts.some((l) => ids.some((id, i) => i !== survivorIndex && String(id) === String(l.contactId)))).toBe(false);
        }
        const survivor = await Contact.findOne({ _id: survivorId }).lean();
        expect(survivor!.appStatus?.installed).toBe(specs.some((x) => x.installed));
        expect(new Set(survivor!.phones.map((p) => p.e164))).toEqual(new Set(specs.map((_, i) => `+1415555${1000 + i}`)));
        for (const [i, id] of ids.entries()) {
          if (i !== survivorIndex) expect(String((await Contact.findOne({ _id: id }).lean())!.mergedInto)).toBe(String(survivorId));
        }
        const record = await loadMerge(mergeId);
        expect(record.status).toBe('completed');
        expect(await AuditEvent.countDocuments({ action: 'contact.merge', subjectId: survivorId })).toBe(1);

        // Unmerge puts everything back exactly as it was.
        expect(await requestUnmerge(mergeId, ACTOR)).toEqual({ ok: true });
        expect(await run(mergeId, 'unmerge')).toEqual({ status: 'completed' });
        expect(await databaseState()).toEqual(before);
        expect((await loadMerge(mergeId)).status).toBe('unmerged');
        expect(await AuditEvent.countDocuments({ action: 'contact.unmerge', subjectId: survivorId })).toBe(1);
      }),
      { numRuns: 4, seed: 20261125 },
    );
  });

  it('refuses to undo a merge that a later merge built on, and says so', async () => {
    const [a, b, c] = await createLinkedContacts([
      { firstName: 'Ann', lastName: 'A', cases: 1, messages: 2, notes: 0, documents: 0 },
      { firstName: 'Ann', lastName: 'B', cases: 0, messages: 1, notes: 1, documents: 0 },
      { firstName: 'Ann', lastName: 'C', cases: 1, messages: 0, notes: 0, documents: 1 },
    ]);
    const first = await merge([a!, b!], 0, () => 0);
    await run(first, 'merge');
    const second = await merge([c!, a!], 0, () => 0);
    await run(second, 'merge');
    expect(await requestUnmerge(first, ACTOR)).toEqual({ ok: false, reason: 'A later merge involving these contacts depends on this one. Undo the later merge first.' });
    expect(await requestUnmerge(second, ACTOR)).toEqual({ ok: true });
    await run(second, 'unmerge');
    expect(await requestUnmerge(first, ACTOR)).toEqual({ ok: true });
    await run(first, 'unmerge');
    expect((await Contact.findOne({ _id: b }).lean())!.mergedInto).toBeUndefined();
  });

  it('completes exactly once when the worker is killed mid-merge', async () => {
    const ids = await createLinkedContacts(
      [
        { firstName: 'Kill', lastName: 'Survivor', cases: 5, messages: 3000, notes: 50, documents: 20 },
        { firstName: 'Kill', lastName: 'Loser', cases: 5, messages: 3000, notes: 50, documents: 20 },
      ],
      { sharedCases: 2 },
    );
    const before = await databaseState();
    const mergeId = await merge(ids, 0, () => 1);
    const workflowId = await startMergeWorkflow(env.temporal, { mergeId, taskQueue: env.taskQueue, actorId: String(ACTOR.id), kind: 'merge', summary: 'kill test' });
    // Kill as soon as the merge is moving records: a half-done step must be safe to run again.
    for (let i = 0; i < 600 && (await loadMerge(mergeId)).status !== 'moving'; i++) await new Promise((r) => setTimeout(r, 20));
    await worker!.kill('SIGKILL');
    worker = await startWorkerProcess(env);
    expect(await env.temporal.workflow.getHandle(workflowId).result()).toEqual({ status: 'completed' });
    expect(await Message.countDocuments({ contactId: ids[0] })).toBe(6000);
    expect((await linkedRecords('message', ids[0]!)).total).toBe(6000);
    expect((await linkedRecords('case', ids[0]!)).total).toBe(12);
    expect(await AuditEvent.countDocuments({ action: 'contact.merge', subjectId: ids[0] })).toBe(1);
    expect((await loadMerge(mergeId)).countsAfter).toEqual({ case: 12, message: 6000, note: 100, document: 40 });
    // And the unmerge survives a kill too.
    expect(await requestUnmerge(mergeId, ACTOR)).toEqual({ ok: true });
    const unmergeId = await startMergeWorkflow(env.temporal, { mergeId, taskQueue: env.taskQueue, actorId: String(ACTOR.id), kind: 'unmerge', summary: 'kill test' });
    await new Promise((r) => setTimeout(r, 150));
    await worker!.kill('SIGKILL');
    worker = await startWorkerProcess(env);
    await env.temporal.workflow.getHandle(unmergeId).result();
    expect(await databaseState()).toEqual(before);
  });
});
