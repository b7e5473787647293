import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSuggestionCounts } from '../../db/duplicates/open-suggestion-counts';
import { AuditEvent, Contact, DuplicateGroup, DuplicateSuggestions, MergeRecord, SweepMatchPart, SweepRun } from '../../db/models/index';
import { sweepProgressQuery, type SweepProgress } from '../../workflows/messages/dedupe-sweep';
import { requestUnmerge } from '../../activities/merge/request-unmerge';
import { startDedupeSweep } from '../../temporal/dedupe-sweep';
import { Types } from 'mongoose';
import { createContact } from '../../activities/contacts/create-contact';
import { groupId } from '../../db/duplicates/group-id';
import { dismissDuplicateGroup } from '../../activities/duplicates/resolve-duplicate-group';
import { reviewQueue } from '../../db/duplicates/review-queue';
import { seedThroughWorkflow } from '../support/seed-through-workflow';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';

const groupsInDatabase = async () => (await DuplicateGroup.find({}, { members: 1, status: 1 }).lean()).map((g) => `${g._id}:${g.members.join(',')}:${g.status}`).sort();

describe('DedupeSweepWorkflow on the real servers', () => {
  let env: TestEnv;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    env = await openTestEnv('sweep');
    worker = await startWorkerProcess(env);
    await seedThroughWorkflow(env, 6000); // every 12th demo contact is a disguised duplicate of another
  });
  afterAll(async () => {
    await worker?.kill();
    await env.close();
  });

  it('finds the demo duplicates as groups with reasons and badges their contacts', async () => {
    const handle = await startDedupeSweep(env.temporal, { taskQueue: env.taskQueue, actorId: 'test' });
    const result = await handle.result();
    expect(result.contactsRead).toBe(6000);
    expect(result.groupsFound).toBeGreaterThanOrEqual(480); // 500 planted duplicates; a few disguises are too strong
    expect(result.groupsFound).toBeLessThanOrEqual(520);
    const group = await DuplicateGroup.findOne({}).lean();
    expect(group!.members).toHaveLength(2);
    expect(group!.reasons.length).toBeGreaterThan(0);
    expect((await openSuggestionCounts([String(group!.members[0])])).get(String(group!.members[0]))).toBeGreaterThan(0);
    expect((await DuplicateSuggestions.findOne({ _id: group!.members[0] }).lean())!.entries[0]).toMatchObject({ otherId: group!.members[1] });
    // The review queue holds every open group, most confident first; a resolved one leaves it at once and stays out after the next sweep.
    const queue = await reviewQueue({ band: 'all', page: 1 });
    expect(queue.total).toBe(result.groupsFound);
    expect(queue.groups.map((g) => g.score)).toEqual([...queue.groups.map((g) => g.score)].sort((a, b) => b - a));
    const dismissed = queue.groups[0]!;
    await dismissDuplicateGroup(dismissed, { id: new Types.ObjectId(), name: 'Test' });
    expect((await reviewQueue({ band: 'all', page: 1 })).total).toBe(result.groupsFound - 1);
    await (await startDedupeSweep(env.temporal, { taskQueue: env.taskQueue, actorId: 'test', mode: 'full' })).result();
    const after = await reviewQueue({ band: 'all', page: 1 });
    expect(after.total).toBe(result.groupsFound - 1);
    expect((await DuplicateGroup.findOne({ _id: dismissed._id }).lean())!.status).toBe('dismissed');
  });

  it('an incremental sweep scores only pairs with a changed contact and finds a new duplicate', async () => {
    const full = await (await startDedupeSweep(env.temporal, { taskQueue: env.taskQueue, actorId: 'test', mode: 'full' })).result();
    const firstContacts = await Contact.find({}).limit(300).lean();
    const suggested = await openSuggestionCounts(firstContacts.map((c) => String(c._id)));
    const original = firstContacts.find((c) => !suggested.has(String(c._id)) && c.lastName && c.phones.length && !c.mergedInto);
    const copy = await createContact({
      input: { firstName: original!.firstName!, lastName: original!.lastName!, dateOfBirth: original!.dateOfBirth ?? '', phones: original!.phones.map((p) => ({ raw: p.raw })) },
      actor: { id: new Types.ObjectId(), name: 'Test' },
      region: 'US',
    });
    expect(copy.ok).toBe(true);
    const incremental = await (await startDedupeSweep(env.temporal, { taskQueue: env.taskQueue, actorId: 'test', mode: 'incremental' })).result();
    expect(incremental.mode).toBe('incremental');
    expect(incremental.contactsRead).toBe(full.contactsRead + 1);
    expect(incremental.pairsScored).toBeLessThan(full.pairsScored / 100);
    const group = await DuplicateGroup.findOne({ _id: groupId([String(original!._id), String(copy.ok && copy.contact._id)]) }).lean();
    expect(group?.status).toBe('open');
  });

  it('gives the same groups when the worker is killed while partitions are being scored, and answers progress queries', async () => {
    // The group dismissed above is not found again (its pairs are "not a duplicate"); every other group is.
    const uninterrupted = (await groupsInDatabase()).filter((g) => !g.endsWith(':dismissed'));
    await DuplicateGroup.deleteMany({});
    // Small partitions (12 of them, four in flight), so the kill lands between and inside partitions.
    const handle = await startDedupeSweep(env.temporal, { taskQueue: env.taskQueue, actorId: 'test', contactsPerPartition: 500 });
    let progress: SweepProgress | undefined;
    for (let i = 0; i < 400; i++) {
      const d = await handle.describe();
      if (d.raw.pendingActivities?.some((a) => a.activityType?.name === 'scoreSweepPartition')) {
        progress = await handle.query(sweepProgressQuery);
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(progress).toMatchObject({ stage: 'matching', contactsRead: 6001, partitions: 13 });
    expect(progress!.percent).toBeGreaterThan(0);
    expect(progress!.percent).toBeLessThan(100);
    await worker!.kill('SIGKILL');
    worker = await startWorkerProcess(env);
    const result = await handle.result();
    expect(result.partitions).toBe(13);
    expect(await groupsInDatabase()).toEqual(uninterrupted);
    const run = await SweepRun.findOne({ _id: handle.workflowId }).lean();
    expect(run).toMatchObject({ stage: 'done', partitions: 13, groupsFound: result.groupsFound, pairsScored: result.pairsScored });
    expect(await SweepMatchPart.countDocuments({})).toBe(0); // scored parts are cleaned up
  });

  it('auto-merges only above the configured score, through audited and undoable merges', async () => {
    const result = await (await startDedupeSweep(env.temporal, { taskQueue: env.taskQueue, actorId: 'test', mode: 'full', autoMergeAbove: 0.99999, autoMergeLimit: 5 })).result();
    expect(result.autoMerged).toBe(5);
    const groups = await DuplicateGroup.find({}).lean();
    const merged = groups.filter((g) => g.status === 'merged');
    expect(merged).toHaveLength(5);
    expect(merged.every((g) => g.score! >= 0.99999)).toBe(true);
    expect(groups.some((g) => g.status === 'open' && g.score! >= 0.99999)).toBe(true); // past the limit, the rest wait for the next sweep
    const record = await MergeRecord.findOne({ 'requestedBy.name': 'Duplicate sweep (auto-merge)' }).lean();
    expect(record!.status).toBe('completed');
    expect(await AuditEvent.countDocuments({ action: 'contact.merge', actorName: 'Duplicate sweep (auto-merge)' })).toBe(result.autoMerged);
    expect(await requestUnmerge(String(record!._id), { id: new Types.ObjectId(), name: 'Test' })).toEqual({ ok: true });
  });
});
