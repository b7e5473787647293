import { Hono } from 'hono';
import { randomInt } from 'node:crypto';
import { AppError } from '../../domain/app-error';
import { demoDataAllowed } from '../../db/demo-data/demo-database';
import { requireTemporal } from '../../temporal/require-temporal';
import { readSeedStatus, startSeedWorkflow } from '../../temporal/seed-demo-data';
import { adminPage } from '../admin/admin-page';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { fieldErrors, validForm } from '../validation';
import { seedForm } from './demo-data.schemas';

/** Admin → Demo data: loads demo contacts through SeedDemoDataWorkflow, with a live progress fragment. Mounted under /admin/demo-data. */
export const demoDataRoutes = new Hono<AppEnv>();

demoDataRoutes.post(
  '/',
  validForm(seedForm, (c, issues) => {
    const seedErrors = fieldErrors(issues);
    return isHtmx(c) ? render(c, 'demo-data/seed-form', { seedErrors }, 422) : adminPage(c, { seedErrors }, 422);
  }),
  async (c) => {
    const form = c.req.valid('form');
    const user = c.get('user')!;
    const services = c.get('services');
    if (!(await demoDataAllowed())) throw new AppError('CONFLICT', 'Demo data is loaded only into an empty database or a demo one. This database holds the firm’s own contacts, so nothing was loaded.');
    await requireTemporal(services.temporal, 'Loading demo data');
    const handle = await startSeedWorkflow(services.temporal, {
      seed: form.seed ?? randomInt(2, 65_535),
      contacts: form.contacts,
      authorId: String(user.id),
      authorName: user.name,
      taskQueue: services.taskQueue,
      actorId: String(user.id),
    });
    const status = await readSeedStatus(services.temporal, handle.workflowId);
    return isHtmx(c) ? render(c, 'demo-data/seed-status', { status }) : c.redirect(`/admin/demo-data/${encodeURIComponent(handle.workflowId)}`, 303);
  },
);

demoDataRoutes.get('/:workflowId', async (c) => {
  const workflowId = c.req.param('workflowId');
  if (!/^seed-demo-\d+-\d+-\d+$/.test(workflowId)) throw new AppError('NOT_FOUND', 'No such seeding run.');
  const status = await readSeedStatus(c.get('services').temporal, workflowId).catch(() => {
    throw new AppError('NOT_FOUND', 'No such seeding run.');
  });
  return isHtmx(c) ? render(c, 'demo-data/seed-status', { status }) : adminPage(c, { status });
});
