import { Hono } from 'hono';
import { appointmentsOfCases } from '../../db/appointments/appointments';
import { config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { appointmentIcs } from '../../domain/appointments/appointment-ics';
import type { PortalEnv } from './portal-env';
import { portalScope } from './portal-scope';
import { renderPortal } from './render-portal';

/** The portal's Appointments: upcoming and past ones on the link's cases, each with an .ics. */
export const portalAppointmentRoutes = new Hono<PortalEnv>();

async function scopedAppointments(c: Parameters<typeof renderPortal>[0]) {
  const scope = await portalScope(c.get('visitor')!);
  return { scope, appointments: await appointmentsOfCases(scope.cases.map((k) => k._id)) };
}

portalAppointmentRoutes.get('/', async (c) => {
  const { scope, appointments } = await scopedAppointments(c);
  const now = Date.now();
  const upcoming = appointments.filter((a) => a.endsAt.getTime() > now);
  const past = appointments.filter((a) => a.endsAt.getTime() <= now).reverse();
  const caseNumber = new Map(scope.cases.map((k) => [String(k._id), k.number]));
  return renderPortal(c, 'portal/appointments', { title: 'appointments', upcoming, past, caseNumber }, 200, scope.contact.timezone || config.FIRM_TIMEZONE);
});

portalAppointmentRoutes.get('/:file{[0-9a-f]{24}\\.ics}', async (c) => {
  const id = c.req.param('file').slice(0, 24);
  const { appointments } = await scopedAppointments(c);
  const a = appointments.find((x) => String(x._id) === id);
  if (!a) throw new AppError('NOT_FOUND', 'error.notFound');
  const host = new URL(config.PUBLIC_URL ?? c.req.url).hostname;
  c.header('Content-Type', 'text/calendar; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="appointment-${id}.ics"`);
  return c.body(appointmentIcs({ id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt, place: a.place, videoUrl: a.videoUrl, cancelled: Boolean(a.cancelledAt), sequence: a.sequence, updatedAt: a.updatedAt }, { firmName: config.FIRM_NAME, host }));
});
