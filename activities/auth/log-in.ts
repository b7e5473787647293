import { findStaffUserByEmail } from '../../db/admin/staff-users';
import type { StaffUserDoc } from '../../db/models/index';
import { verifyPassword } from './password';

/** The staff user these credentials belong to, or undefined: unknown email, wrong password or a disabled user alike. */
export async function checkStaffCredentials(email: string, password: string): Promise<StaffUserDoc | undefined> {
  const user = await findStaffUserByEmail(email);
  const ok = user && !user.disabledAt && (await verifyPassword(user.passwordHash, password));
  return ok ? user : undefined;
}
