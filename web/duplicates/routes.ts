import { WorkflowNotFoundError } from '@temporalio/client';
import { Hono } from 'hono';
import { z } from 'zod';
import { dismissGroup, GROUPS_PER_PAGE, loadGroup, resolveGroup, reviewQueue } from '../../db/duplicates/review-queue';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { startDedupeSweep } from '../../temporal/dedupe-sweep';
import { SweepRun, type SweepRunDoc } from '../../db/models/index';
import { config } from '../../config/config';
import { sweepProgressQuery } from '../../workflows/index';
import { AppError } from '../app-error';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';

/** The review queue of duplicate groups found by the sweep, and "Run sweep now". */
export const duplicateQueueRoutes = new Hono<AppEnv>();

const queueQuery = z.object({
  band: z.enum(['all', 'high']).catch('all'),
  kind: z.enum(['phone', 'email', 'name', 'fuzzy']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  sweep: z.string().regex(/^dedupe-sweep-[\w-]+$/).optional().catch(undefined),
});

duplicateQueueRoutes.get('/', async (c) => {
  const q = queueQuery.parse(c.req.query());
  const { groups, total } = await reviewQueue({ band: q.band, kind: q.kind, page: q.page });
  const recent = ((await SweepRun.collection.find({}).toArray()) as unknown as SweepRunDoc[]).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()).slice(0, 5);
  const data = { title: 'Duplicates', q, groups, total, pages: Math.max(1, Math.ceil(total / GROUPS_PER_PAGE)), displayName, recent, temporalUiUrl: c.get('services').temporalUiUrl, namespace: config.TEMPORAL_NAMESPACE };
  return render(c, isHtmx(c) && c.req.header('HX-Target') === 'queue' ? 'duplicates/queue' : 'duplicates/index', data);
});

duplicateQueueRoutes.post('/sweep', async (c) => {
  const services = c.get('services');
  const handle = await startDedupeSweep(services.temporal, { taskQueue: services.taskQueue, actorId: String(c.get('user')!.id), autoMergeAbove: config.DEDUPE_AUTO_MERGE_ABOVE });
  return c.redirect(`/duplicates?sweep=${handle.workflowId}`, 303);
});

duplicateQueueRoutes.get('/sweep/:workflowId', async (c) => {
  const id = c.req.param('workflowId');
  if (!/^dedupe-sweep-[\w-]+$/.test(id)) throw new AppError('NOT_FOUND', 'There is no such sweep.');
  const handle = c.get('services').temporal.workflow.getHandle(id);
  const status = await handle.describe().then(
    (d) => d.status.name as string,
    (err: Error) => {
      if (err instanceof WorkflowNotFoundError) return 'NOT_FOUND';
      throw err;
    },
  );
  // A running sweep answers from the workflow itself (its activities report to it); a finished one from its record.
  const progress = status === 'RUNNING' ? await handle.query(sweepProgressQuery).catch(() => undefined) : undefined;
  const run = status === 'RUNNING' ? null : ((await SweepRun.collection.findOne({ _id: id } as never)) as SweepRunDoc | null);
  // 286 tells htmx to stop polling: the sweep has finished, failed or is unknown.
  return render(c, 'duplicates/sweep-status', { id, status, run, progress, done: status === 'COMPLETED' }, status === 'RUNNING' ? 200 : (286 as 200));
});

async function groupOr404(id: string) {
  const group = /^[0-9a-f]{24}$/.test(id) ? await loadGroup(id) : null;
  if (!group) throw new AppError('NOT_FOUND', 'There is no such duplicate group.');
  return group;
}

duplicateQueueRoutes.post('/:groupId/not-duplicate', async (c) => {
  await dismissGroup(await groupOr404(c.req.param('groupId')), c.get('user')!);
  return isHtmx(c) ? c.body(null, 200) : c.redirect('/duplicates', 303);
});

duplicateQueueRoutes.post('/:groupId/skip', async (c) => {
  const group = await groupOr404(c.req.param('groupId'));
  await resolveGroup(group._id, 'skipped', c.get('user')!);
  return isHtmx(c) ? c.body(null, 200) : c.redirect('/duplicates', 303);
});
