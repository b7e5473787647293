import { Client, type Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureNamespace } from '../../temporal/ensure-namespace';
import { createSession, hashToken, resolveSession, revokeSession, SESSION_LIMITS } from '../../activities/auth/sessions';
import { Session } from '../../db/models/index';
import { ensureSessionPurgeSchedule, SESSION_PURGE_SCHEDULE_ID } from '../../temporal/session-purge';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/services/worker-process';
import { openTestEnv, type TestEnv } from '../support/test-env';
import { createTestAdmin } from '../support/web-server';

describe('staff sessions end when idle or old, and ended ones are purged by a Temporal Schedule', () => {
  let env: TestEnv;
  let worker: WorkerProcess;
  let userId: Awaited<ReturnType<typeof createTestAdmin>>['_id'];
  const ago = (ms: number) => new Date(Date.now() - ms);

  beforeAll(async () => {
    env = await openTestEnv('session_expiry');
    worker = await startWorkerProcess({ ...env, role: 'general' });
    userId = (await createTestAdmin())._id;
  });
  afterAll(async () => {
    await env?.temporal.schedule.getHandle(SESSION_PURGE_SCHEDULE_ID).delete().catch(() => undefined);
    await worker?.kill();
    await env?.close();
  });

  it('a session in use stays open and records when it was last used; one left idle or past its end opens nothing', async () => {
    const fresh = await createSession(userId, 'test');
    expect(await resolveSession(fresh)).toMatchObject({ user: { email: 'admin@test.local' } });
    const later = new Date(Date.now() + 5 * 60_000);
    await resolveSession(fresh, later);
    expect((await Session.findById(hashToken(fresh)).lean())!.lastSeenAt).toEqual(later);

    const idle = await createSession(userId, 'test', ago(SESSION_LIMITS.idleMs + 60_000));
    expect(await resolveSession(idle)).toBeUndefined();
    const old = await createSession(userId, 'test', ago(SESSION_LIMITS.absoluteMs + 60_000));
    await Session.updateOne({ _id: hashToken(old) }, { $set: { lastSeenAt: new Date() } });
    expect(await resolveSession(old)).toBeUndefined();
  });

  it('a session revoked here opens nothing at once, though it was just resolved; a revocation by another server counts within seconds', async () => {
    const token = await createSession(userId, 'test');
    const at = (s: number) => new Date(Date.now() + s * 1000);
    // Past the young-session window, so this process keeps what it resolved.
    expect(await resolveSession(token, at(20))).toBeDefined();
    await revokeSession(hashToken(token));
    expect(await resolveSession(token, at(20.5))).toBeUndefined();

    const other = await createSession(userId, 'test');
    expect(await resolveSession(other, at(20))).toBeDefined();
    // As another web server's logout would: the database only, not this process's cache.
    await Session.updateOne({ _id: hashToken(other) }, { $set: { revokedAt: new Date() } });
    expect(await resolveSession(other, at(21))).toBeDefined();
    expect(await resolveSession(other, at(26))).toBeUndefined();
  });

  it('PurgeEndedSessionsWorkflow deletes revoked, expired and idle sessions and keeps the live ones', async () => {
    await Session.deleteMany({});
    const live = await createSession(userId, 'test');
    await createSession(userId, 'test', ago(SESSION_LIMITS.idleMs + 60_000));
    await createSession(userId, 'test', ago(SESSION_LIMITS.absoluteMs + 60_000));
    const revoked = await createSession(userId, 'test');
    await revokeSession(hashToken(revoked));
    const result = await env.temporal.workflow.execute('PurgeEndedSessionsWorkflow', { taskQueue: env.taskQueue, workflowId: `purge-${Date.now()}` });
    expect(result).toEqual({ deleted: 3 });
    expect((await Session.find({}).lean()).map((s) => s._id)).toEqual([hashToken(live)]);
  });

  it('the hourly Schedule is created once, however many servers start', async () => {
    // A namespace of its own: every worker the other tests start ensures this Schedule in the shared one.
    const namespace = `casebook-test-purge-${randomBytes(4).toString('hex')}`;
    await ensureNamespace(env.temporal.connection as Connection, namespace);
    const client = new Client({ connection: env.temporal.connection, namespace });
    const outcomes = await Promise.all([ensureSessionPurgeSchedule(client, { taskQueue: env.taskQueue }), ensureSessionPurgeSchedule(client, { taskQueue: env.taskQueue })]);
    expect(outcomes.sort()).toEqual(['created', 'existed']);
    expect(await ensureSessionPurgeSchedule(client, { taskQueue: env.taskQueue })).toBe('existed');
    const d = await client.schedule.getHandle(SESSION_PURGE_SCHEDULE_ID).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'PurgeEndedSessionsWorkflow', taskQueue: env.taskQueue });
    expect(d.spec.intervals?.[0]?.every).toBe(3_600_000);
  });
});
