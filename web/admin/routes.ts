import { Hono } from 'hono';
import { createStaffUser } from '../../activities/admin/create-staff-user';
import { requireAdmin } from '../auth/middleware';
import { dedupeScheduleRoutes } from '../duplicates/schedule-routes';
import { demoDataRoutes } from '../demo-data/routes';
import type { AppEnv } from '../env';
import { fieldErrors, validForm } from '../validation';
import { staffUserForm } from './admin.schemas';
import { adminPage } from './admin-page';

/** Admin: staff users, demo data and the duplicate sweep's settings; administrators only. */
export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use('*', requireAdmin);
adminRoutes.route('/dedupe-schedule', dedupeScheduleRoutes);
adminRoutes.route('/demo-data', demoDataRoutes);

adminRoutes.get('/', (c) => adminPage(c));

adminRoutes.post(
  '/staff',
  validForm(staffUserForm, (c, issues, raw) => adminPage(c, { staffErrors: fieldErrors(issues), staffValues: { name: raw.name, email: raw.email, role: raw.role } }, 422)),
  async (c) => {
    const form = c.req.valid('form');
    const created = await createStaffUser({ ...form, actor: c.get('user')! });
    if (!created.ok) return adminPage(c, { staffErrors: { [created.field]: created.message }, staffValues: { name: form.name, email: form.email, role: form.role } }, 409);
    return c.redirect('/admin?added=1', 303);
  },
);
