import { Hono } from 'hono';
import { createStaffUser } from '../../activities/admin/create-staff-user';
import { disableStaffUser, enableStaffUser } from '../../activities/admin/set-staff-access';
import { dedupeScheduleRoutes } from '../duplicates/schedule-routes';
import { demoDataRoutes } from '../demo-data/routes';
import type { AppEnv } from '../env';
import { fieldErrors, validForm } from '../validation';
import { passwordResetForm, staffUserForm } from './admin.schemas';
import { resetStaffPassword } from '../../activities/admin/reset-staff-password';
import { adminPage } from './admin-page';

/** Admin: staff users, demo data and the duplicate sweep's settings; administrators only. */
export const adminRoutes = new Hono<AppEnv>();
adminRoutes.route('/dedupe-schedule', dedupeScheduleRoutes);
adminRoutes.route('/demo-data', demoDataRoutes);

adminRoutes.get('/', (c) => adminPage(c, { notice: noticeOf(c.req.query('done')) }));

const NOTICES: Record<string, string> = {
  disabled: 'Disabled. Their open sessions have ended.',
  enabled: 'Enabled: they can sign in again.',
  added: 'Staff user added.',
  'password-reset': 'Password reset. Their open sessions have ended; tell them the new password in person or by phone, not by email.',
};
const noticeOf = (done?: string) => (done ? NOTICES[done] : undefined);

adminRoutes.post('/staff/:id/disable', async (c) => {
  await disableStaffUser({ userId: c.req.param('id'), actor: c.get('user')! });
  return c.redirect('/admin?done=disabled#staff', 303);
});

adminRoutes.post('/staff/:id/enable', async (c) => {
  await enableStaffUser({ userId: c.req.param('id'), actor: c.get('user')! });
  return c.redirect('/admin?done=enabled#staff', 303);
});

adminRoutes.post(
  '/staff/:id/password',
  validForm(passwordResetForm, (c, issues) => adminPage(c, { resetErrors: { [c.req.param('id') ?? '']: issues[0]?.message ?? 'Check the password' } }, 422)),
  async (c) => {
    await resetStaffPassword({ userId: c.req.param('id'), password: c.req.valid('form').password, actor: c.get('user')! });
    return c.redirect('/admin?done=password-reset#staff', 303);
  },
);

adminRoutes.post(
  '/staff',
  validForm(staffUserForm, (c, issues, raw) => adminPage(c, { staffErrors: fieldErrors(issues), staffValues: { name: raw.name, email: raw.email, role: raw.role } }, 422)),
  async (c) => {
    const form = c.req.valid('form');
    const created = await createStaffUser({ ...form, actor: c.get('user')! });
    if (!created.ok) return adminPage(c, { staffErrors: { [created.field]: created.message }, staffValues: { name: form.name, email: form.email, role: form.role } }, 409);
    return c.redirect('/admin?done=added#staff', 303);
  },
);
