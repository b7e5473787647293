import { findAnyAdmin } from '../../db/admin/staff-users';
import { createStaffUser } from './create-staff-user';

export type FirstAdminReport =
  | { outcome: 'admin exists' }
  | { outcome: 'created'; email: string }
  | { outcome: 'no admin'; reason: string };

/**
 * A fresh deployment's way in: when no administrator exists and ADMIN_EMAIL /
 * ADMIN_PASSWORD are set, creates that admin. Once any admin exists this does
 * nothing (a changed ADMIN_PASSWORD never resets a password someone chose).
 * Replicas starting together both may try; the unique email index lets one
 * win and the other sees the admin.
 */
export async function ensureFirstAdmin(o: { email?: string; password?: string }): Promise<FirstAdminReport> {
  if (await findAnyAdmin()) return { outcome: 'admin exists' };
  if (!o.email || !o.password) return { outcome: 'no admin', reason: 'no administrator exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first one' };
  try {
    const created = await createStaffUser({ name: 'Administrator', email: o.email, role: 'admin', password: o.password });
    if (created.ok) return { outcome: 'created', email: created.user.email };
    // The email belongs to a staff user who is not an admin: promoting them is a person's decision, not the start's.
    return { outcome: 'no admin', reason: `${o.email} is a staff user without the admin role; no administrator was created` };
  } catch (err) {
    if ((err as { code?: number }).code === 11000 && (await findAnyAdmin())) return { outcome: 'admin exists' };
    throw err;
  }
}
