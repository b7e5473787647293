import type { Actor } from '../../db/audit';
import { audit } from '../../db/audit';
import { insertStaffUser, staffEmailTaken, type StaffRole } from '../../db/admin/staff-users';
import type { StaffUserDoc } from '../../db/models/index';
import { hashPassword } from '../auth/password';

export type CreateStaffUserResult = { ok: true; user: StaffUserDoc } | { ok: false; field: 'email'; message: string };

/** Adds a staff user with an argon2id password hash; an email already in use is refused. Audited when `actor` is given. */
export async function createStaffUser(o: { name: string; email: string; role: StaffRole; password: string; actor?: Actor }): Promise<CreateStaffUserResult> {
  const email = o.email.trim().toLowerCase();
  if (await staffEmailTaken(email)) return { ok: false, field: 'email', message: 'A staff user with this email already exists' };
  const user = await insertStaffUser({ name: o.name, email, role: o.role, passwordHash: await hashPassword(o.password) });
  if (o.actor) await audit(o.actor, 'staff.create', { type: 'StaffUser', id: user._id }, { email: user.email, role: user.role });
  return { ok: true, user };
}
