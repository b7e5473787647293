// What a Casebook process needs before it serves anything, ensured by the
// worker and the web server themselves at every start, so a deployment works
// without the development scripts (docker-compose.yml, a cluster): the
// database's collections and indexes, the Temporal namespace and search
// attributes, the first administrator, and the Schedules. Each step is
// idempotent and safe when replicas start together, and says what it did in
// one log line, so an operator reading the log knows what exists.
import type { Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import type { DatabaseEngine } from '../db/detect-engine';
import { ensureIndexes } from '../db/ensure-indexes';
import { backfillCaseTitleWords } from '../db/cases/backfill-case-title-words';

export type DependencySettings = {
  engine: DatabaseEngine;
  temporal: Connection;
  namespace: string;
  taskQueue: string;
  admin: { email?: string; password?: string };
  dedupeSchedule: { cron: string; timezone: string; autoMergeAbove?: number };
  log: Logger;
};

/** The database's collections and indexes: all that an imports or bundles worker needs. */
export async function ensureDatabaseDependencies(engine: DatabaseEngine, log: Logger): Promise<void> {
  const indexes = await ensureIndexes(engine);
  log.info({ step: 'database', engine, indexes: indexes.created }, 'start: collections and indexes ensured');
  if (indexes.unsupported.length > 0) log.warn({ step: 'database', unsupported: indexes.unsupported }, 'start: this database server cannot make some indexes');
}

export async function ensureDependencies(s: DependencySettings): Promise<void> {
  await ensureDatabaseDependencies(s.engine, s.log);
  // In the background: a database of many cases from before the field takes a while, and nothing waits for it
  // (until it ends, such a case is found by its number but not by its title on the database's path).
  void backfillCaseTitleWords()
    .then((r) => r.updated > 0 && s.log.info({ step: 'database', cases: r.updated }, 'start: older cases given their title words for search'))
    .catch((err: Error) => s.log.warn({ step: 'database', err }, 'start: could not give older cases their title words; the next start tries again'));

  // Loaded here, not at the top: a worker that needs only the database never loads the Temporal client.
  const [{ Client }, { DEDUPE_SCHEDULE_ID, ensureDedupeSchedule }, { ensureNamespace }, { ensureSessionPurgeSchedule, SESSION_PURGE_SCHEDULE_ID }] = await Promise.all([
    import('@temporalio/client'),
    import('../temporal/dedupe-sweep'),
    import('../temporal/ensure-namespace'),
    import('../temporal/session-purge'),
  ]);
  const ns = await ensureNamespace(s.temporal, s.namespace);
  s.log.info({ step: 'temporal', namespace: s.namespace, outcome: ns.namespace, searchAttributes: ns.searchAttributes }, `start: Temporal namespace ${ns.namespace}`);
  if (ns.searchAttributes.missing.length > 0) {
    // Starting would fail later at every workflow start: say it now, with the fix.
    throw new Error(`Temporal namespace "${s.namespace}" lacks the search attributes ${ns.searchAttributes.missing.join(', ')} (Keyword) and this connection may not add them: add them (temporal operator search-attribute create) and restart.`);
  }

  const { ensureFirstAdmin } = await import('../activities/admin/ensure-first-admin');
  const admin = await ensureFirstAdmin(s.admin);
  if (admin.outcome === 'no admin') s.log.warn({ step: 'admin' }, `start: ${admin.reason}`);
  else s.log.info({ step: 'admin', outcome: admin.outcome }, admin.outcome === 'created' ? `start: first administrator ${admin.email} created from ADMIN_EMAIL` : 'start: an administrator exists');

  const client = new Client({ connection: s.temporal, namespace: s.namespace });
  const schedules = {
    [DEDUPE_SCHEDULE_ID]: await ensureDedupeSchedule(client, { taskQueue: s.taskQueue, ...s.dedupeSchedule }),
    [SESSION_PURGE_SCHEDULE_ID]: await ensureSessionPurgeSchedule(client, { taskQueue: s.taskQueue }),
  };
  s.log.info({ step: 'schedules', schedules }, 'start: Schedules ensured');
}
