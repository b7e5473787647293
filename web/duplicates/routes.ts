import { Hono, type Context } from 'hono';
import { findLiveContacts } from '../../db/contacts/contacts';
import { sweepPermission } from '../auth/require-permission';
import { z } from 'zod';
import { dismissDuplicateGroup, resolveDuplicateGroup } from '../../activities/duplicates/resolve-duplicate-group';
import { config, emailRules } from '../../config/config';
import { explainContacts } from '../../activities/duplicates/explain-pair';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';

const LIKELY_AT = defaultMatcher().weights.thresholds.likely;
import { findDuplicateGroup } from '../../db/duplicates/duplicate-groups';
import { GROUPS_PER_PAGE, reviewQueue } from '../../db/duplicates/review-queue';
import { findSweepRun, recentSweepRuns } from '../../db/duplicates/sweep-runs';
import { AppError } from '../../domain/app-error';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { readSweepState, startDedupeSweep } from '../../temporal/dedupe-sweep';
import { requireTemporal } from '../../temporal/require-temporal';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { validQuery } from '../validation';

/** The review queue of duplicate groups found by the sweep, and "Run sweep now". */
export const duplicateQueueRoutes = new Hono<AppEnv>();

const SWEEP_ID = /^dedupe-sweep-[\w-]+$/;
const queueQuery = z.object({
  band: z.enum(['all', 'high']).catch('all'),
  kind: z.enum(['phone', 'email', 'name', 'fuzzy']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  sweep: z.string().regex(SWEEP_ID).optional().catch(undefined),
});

duplicateQueueRoutes.get('/', validQuery(queueQuery), async (c) => {
  const q = c.req.valid('query');
  const found = await reviewQueue({ band: q.band, kind: q.kind, page: q.page });
  const { total } = found;
  // Each group's reasons in plain words, the first record against each other one (the sweep stores the engine's wording).
  const groups = found.groups.map((g) => ({ ...g, explained: g.contacts.slice(1).map((other) => ({ other, ...explainContacts(g.contacts[0]!, other, { region: config.DEFAULT_PHONE_REGION, emailRules }) })) }));
  const recent = await recentSweepRuns(5);
  const data = { title: 'Duplicates', q, groups, total, likelyAt: LIKELY_AT, pages: Math.max(1, Math.ceil(total / GROUPS_PER_PAGE)), displayName, recent, temporalUiUrl: c.get('services').temporalUiUrl, namespace: config.TEMPORAL_NAMESPACE, sweepPermission: sweepPermission() };
  return render(c, isHtmx(c) && c.req.header('HX-Target') === 'queue' ? 'duplicates/queue' : 'duplicates/index', data);
});

duplicateQueueRoutes.post('/sweep', async (c) => {
  const services = c.get('services');
  await requireTemporal(services.temporal, 'The sweep');
  const handle = await startDedupeSweep(services.temporal, { taskQueue: services.taskQueue, actorId: String(c.get('user')!.id), autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE });
  return c.redirect(`/duplicates?sweep=${handle.workflowId}`, 303);
});

duplicateQueueRoutes.get('/sweep/:workflowId', async (c) => {
  const id = c.req.param('workflowId');
  if (!SWEEP_ID.test(id)) throw new AppError('NOT_FOUND', 'There is no such sweep.');
  // A running sweep answers from the workflow itself (its activities report to it); a finished one from its record.
  const { status, progress } = await readSweepState(c.get('services').temporal, id);
  const run = status === 'RUNNING' ? null : await findSweepRun(id);
  // 286 tells htmx to stop polling: the sweep has finished, failed or is unknown.
  return render(c, 'duplicates/sweep-status', { id, status, run, progress, done: status === 'COMPLETED', temporalUiUrl: c.get('services').temporalUiUrl, namespace: config.TEMPORAL_NAMESPACE }, status === 'RUNNING' ? 200 : (286 as 200));
});

async function groupOr404(id: string) {
  const group = /^[0-9a-f]{24}$/.test(id) ? await findDuplicateGroup(id) : null;
  if (!group) throw new AppError('NOT_FOUND', 'There is no such duplicate group.');
  return group;
}

duplicateQueueRoutes.post('/:groupId/not-duplicate', async (c) => {
  const group = await groupOr404(c.req.param('groupId'));
  await dismissDuplicateGroup(group, c.get('user')!);
  return settled(c, group, 'not-duplicate');
});

duplicateQueueRoutes.post('/:groupId/skip', async (c) => {
  const group = await groupOr404(c.req.param('groupId'));
  await resolveDuplicateGroup(group._id, 'skipped', c.get('user')!);
  return settled(c, group, 'skip');
});

/** After Skip or Not a duplicate: htmx gets a line in the group's place and the queue's new count (for the filters on screen). */
async function settled(c: Context<AppEnv>, group: { _id: unknown; members: string[] }, outcome: 'skip' | 'not-duplicate') {
  if (!isHtmx(c)) return c.redirect('/duplicates', 303);
  const form = await c.req.parseBody();
  const band = form.band === 'high' ? 'high' : 'all';
  const kind = typeof form.kind === 'string' && ['phone', 'email', 'name', 'fuzzy'].includes(form.kind) ? form.kind : undefined;
  const [{ total }, contacts] = await Promise.all([reviewQueue({ band, kind, page: 1 }), findLiveContacts(group.members)]);
  return render(c, 'duplicates/group-resolved', { groupId: String(group._id), outcome, total, names: contacts.map((x) => displayName(x)).join(', ') });
}
