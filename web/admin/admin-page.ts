import type { Context } from 'hono';
import { listStaffUsers } from '../../db/admin/staff-users';
import { estimatedContactCount } from '../../db/contacts/contacts';
import { demoDataAllowed } from '../../db/demo-data/demo-database';
import type { AppEnv } from '../env';
import { render } from '../render';

/** The Admin page (staff users, demo data, the sweep's settings), with a region's errors or status when a form sends it back. */
export async function adminPage(c: Context<AppEnv>, extra: Record<string, unknown> = {}, status = 200) {
  const [staff, contactCount, demoAllowed] = await Promise.all([listStaffUsers(), estimatedContactCount(), demoDataAllowed()]);
  return render(c, 'admin/index', { title: 'Admin', staff, contactCount, demoAllowed, temporalUiUrl: c.get('services').temporalUiUrl, outboxPage: Boolean(c.get('services').outbox.captureUrl), seedErrors: {}, staffErrors: {}, resetErrors: {}, staffValues: {}, status: undefined, ...extra }, status);
}
