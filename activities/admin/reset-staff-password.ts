import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { setStaffUserPasswordHash } from '../../db/admin/staff-users';
import { revokeSessionsOfUser } from '../../db/auth/sessions';
import { AppError } from '../../domain/app-error';
import { hashPassword } from '../auth/password';
import { forgetSessionsOfUser } from '../auth/sessions';

/**
 * An administrator sets a new password for a staff member who lost theirs
 * (or whose password may be known to someone else): every session they have
 * open ends, so whoever held the old one is out. Not for oneself here, so an
 * administrator cannot lock themselves out with a typo; another one can.
 * The password is never logged or audited, only that it was reset.
 */
export async function resetStaffPassword(o: { userId: string; password: string; actor: Actor; now?: Date }): Promise<{ sessionsEnded: number }> {
  if (!Types.ObjectId.isValid(o.userId) || !/^[0-9a-f]{24}$/.test(o.userId)) throw new AppError('NOT_FOUND', 'There is no such staff user.');
  const id = new Types.ObjectId(o.userId);
  if (id.equals(o.actor.id)) throw new AppError('CONFLICT', 'You cannot reset your own password here. Another administrator can.');
  const user = await setStaffUserPasswordHash(id, await hashPassword(o.password));
  if (!user) throw new AppError('NOT_FOUND', 'There is no such staff user.');
  const sessionsEnded = await revokeSessionsOfUser(id, o.now ?? new Date());
  forgetSessionsOfUser(id);
  await audit(o.actor, 'staff.password-reset', { type: 'StaffUser', id }, { email: user.email, sessionsEnded });
  return { sessionsEnded };
}
