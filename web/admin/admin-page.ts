import type { Context } from 'hono';
import { listStaffUsers } from '../../db/admin/staff-users';
import { estimatedContactCount } from '../../db/contacts/contacts';
import type { AppEnv } from '../env';
import { render } from '../render';

/** The Admin page (staff users, demo data, the sweep's settings), with a region's errors or status when a form sends it back. */
export async function adminPage(c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) {
  const [staff, contactCount] = await Promise.all([listStaffUsers(), estimatedContactCount()]);
  return render(c, 'admin/index', { title: 'Admin', staff, contactCount, temporalUiUrl: c.get('services').temporalUiUrl, seedErrors: {}, staffErrors: {}, staffValues: {}, status: undefined, ...extra }, status);
}
