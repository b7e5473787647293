import { Types } from 'mongoose';
import type { Actor } from '../../db/audit';
import { audit } from '../../db/audit';
import { countActiveAdmins, findStaffUser, setStaffUserDisabled } from '../../db/admin/staff-users';
import { revokeSessionsOfUser } from '../../db/auth/sessions';
import { AppError } from '../../domain/app-error';
import { forgetSessionsOfUser } from '../auth/sessions';

/**
 * Disables a staff user: they cannot sign in, and every session they have
 * open ends now (revoked, so the next request of each is sent to the login).
 * Nobody disables themselves, and the last administrator who can sign in
 * stays, so the firm is never locked out of its own Admin page.
 */
export async function disableStaffUser(o: { userId: string; actor: Actor; now?: Date }): Promise<{ sessionsEnded: number }> {
  const id = parseId(o.userId);
  const user = await findStaffUser(id);
  if (!user) throw new AppError('NOT_FOUND', 'There is no such staff user.');
  if (id.equals(o.actor.id)) throw new AppError('CONFLICT', 'You cannot disable yourself. Another administrator can.');
  if (user.role === 'admin' && !user.disabledAt && (await countActiveAdmins()) <= 1) throw new AppError('CONFLICT', 'This is the only administrator who can sign in; make someone else an administrator first.');
  const now = o.now ?? new Date();
  await setStaffUserDisabled(id, now);
  const sessionsEnded = await revokeSessionsOfUser(id, now);
  forgetSessionsOfUser(id);
  await audit(o.actor, 'staff.disable', { type: 'StaffUser', id }, { email: user.email, sessionsEnded });
  return { sessionsEnded };
}

/** Lets a disabled staff user sign in again (their old sessions stay ended). */
export async function enableStaffUser(o: { userId: string; actor: Actor }): Promise<void> {
  const id = parseId(o.userId);
  const user = await setStaffUserDisabled(id, null);
  if (!user) throw new AppError('NOT_FOUND', 'There is no such staff user.');
  await audit(o.actor, 'staff.enable', { type: 'StaffUser', id }, { email: user.email });
}

function parseId(id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/.test(id)) throw new AppError('NOT_FOUND', 'There is no such staff user.');
  return new Types.ObjectId(id);
}
