import { estimatedCount } from '../../db/estimated-count';
import { Hono } from 'hono';
import { randomInt } from 'node:crypto';
import { AuditEvent, Contact, StaffUser } from '../../db/models/index';
import { startSeedWorkflow } from '../../temporal/seed-demo-data';
import { AppError } from '../app-error';
import { requireAdmin } from '../auth/middleware';
import { hashPassword } from '../../activities/auth/password';
import type { AppEnv } from '../env';
import { isHtmx, render } from '../render';
import { seedForm, staffUserForm } from './admin.schemas';
import { readSeedStatus } from '../../temporal/seed-status';
import { dedupeScheduleRoutes } from '../duplicates/schedule-routes';

export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use('*', requireAdmin);
adminRoutes.route('/dedupe-schedule', dedupeScheduleRoutes);

async function adminPage(c: Parameters<typeof render>[0], extra: Record<string, unknown> = {}, status = 200) {
  const [staff, contactCount] = await Promise.all([StaffUser.find().sort({ name: 1 }).lean(), estimatedCount(Contact.collection.collectionName)]);
  return render(c, 'admin/index', { title: 'Admin', staff, contactCount, temporalUiUrl: c.get('services').temporalUiUrl, seedErrors: {}, staffErrors: {}, staffValues: {}, status: undefined, ...extra }, status);
}

adminRoutes.get('/', (c) => adminPage(c));

adminRoutes.post('/demo-data', async (c) => {
  const parsed = seedForm.safeParse(await c.req.parseBody());
  if (!parsed.success) {
    const seedErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return isHtmx(c) ? render(c, 'admin/seed-form', { seedErrors }, 422) : adminPage(c, { seedErrors }, 422);
  }
  const user = c.get('user')!;
  const services = c.get('services');
  const handle = await startSeedWorkflow(services.temporal, {
    seed: parsed.data.seed ?? randomInt(2, 65_535),
    contacts: parsed.data.contacts,
    authorId: String(user.id),
    authorName: user.name,
    taskQueue: services.taskQueue,
    actorId: String(user.id),
  });
  const status = await readSeedStatus(services.temporal, handle.workflowId);
  return isHtmx(c) ? render(c, 'admin/seed-status', { status }) : c.redirect(`/admin/demo-data/${encodeURIComponent(handle.workflowId)}`, 303);
});

adminRoutes.get('/demo-data/:workflowId', async (c) => {
  const workflowId = c.req.param('workflowId');
  if (!/^seed-demo-\d+-\d+-\d+$/.test(workflowId)) throw new AppError('NOT_FOUND', 'No such seeding run.');
  const status = await readSeedStatus(c.get('services').temporal, workflowId).catch(() => {
    throw new AppError('NOT_FOUND', 'No such seeding run.');
  });
  return isHtmx(c) ? render(c, 'admin/seed-status', { status }) : adminPage(c, { status });
});

adminRoutes.post('/staff', async (c) => {
  const body = await c.req.parseBody();
  const parsed = staffUserForm.safeParse(body);
  const staffValues = { name: body.name, email: body.email, role: body.role };
  if (!parsed.success) {
    const staffErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return adminPage(c, { staffErrors, staffValues }, 422);
  }
  if (await StaffUser.exists({ email: parsed.data.email })) {
    return adminPage(c, { staffErrors: { email: 'A staff user with this email already exists' }, staffValues }, 409);
  }
  const actor = c.get('user')!;
  const created = await StaffUser.create({ name: parsed.data.name, email: parsed.data.email, role: parsed.data.role, passwordHash: await hashPassword(parsed.data.password) });
  await AuditEvent.create({ action: 'staff.create', actorId: actor.id, actorName: actor.name, subjectType: 'StaffUser', subjectId: created._id, details: { email: created.email, role: created.role } });
  return c.redirect('/admin?added=1', 303);
});
