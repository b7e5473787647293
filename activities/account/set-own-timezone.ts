import type { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { setStaffUserTimezone } from '../../db/admin/staff-users';
import { AppError } from '../../domain/app-error';
import { timezoneNames } from '../../domain/contacts/timezones';
import { forgetSessionsOfUser } from '../auth/sessions';

/** A staff member chooses the timezone they read times in ('' goes back to the firm's). */
export async function setOwnTimezone(o: { userId: Types.ObjectId; name: string; timezone: string }): Promise<void> {
  const timezone = o.timezone.trim();
  if (timezone && !timezoneNames().includes(timezone)) throw new AppError('BAD_REQUEST', `"${timezone}" is not a timezone this server knows; choose one from the list.`);
  await setStaffUserTimezone(o.userId, timezone || null);
  // The cached session carries the old setting; the next page reads it fresh.
  forgetSessionsOfUser(o.userId);
  await audit({ id: o.userId, name: o.name }, 'staff.timezone', { type: 'StaffUser', id: o.userId }, { timezone: timezone || 'firm default' });
}
