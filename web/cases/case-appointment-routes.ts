import { Hono } from 'hono';
import { Types } from 'mongoose';
import { cancelAppointment, createAppointment, moveAppointment, type AppointmentInput } from '../../activities/appointments/schedule-appointment';
import { findAppointment } from '../../db/appointments/appointments';
import { AppError } from '../../domain/app-error';
import { cancelAppointmentReminder, moveAppointmentReminder, startAppointmentReminder } from '../../temporal/appointment-reminder';
import type { AppEnv } from '../env';
import { render } from '../render';
import { caseAppointmentsTab } from './case-appointments';
import { loadCase } from './routes';
import { caseTabUrl } from './case-documents';
import { caseStageHelpers } from '../portal-links/case-portal-tab';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { CASE_ROLES } from '../../domain/cases/case-fields';

/** Appointments on a case: create, move, cancel (each starts or tells its reminder workflow). Mounted under /cases/:caseId/appointments. */
export const caseAppointmentRoutes = new Hono<AppEnv>();

async function readInput(c: Parameters<typeof render>[0]): Promise<AppointmentInput> {
  const body = await c.req.parseBody({ all: true });
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 500) : '');
  const ids = body.contactIds === undefined ? [] : Array.isArray(body.contactIds) ? body.contactIds : [body.contactIds];
  return { title: str('title'), date: str('date'), start: str('start'), end: str('end'), timezone: str('timezone'), place: str('place'), videoUrl: str('videoUrl'), contactIds: ids.filter((v): v is string => typeof v === 'string' && Types.ObjectId.isValid(v)) };
}

async function tabWithErrors(c: Parameters<typeof render>[0], kaseId: string, input: AppointmentInput, errors: Record<string, string>) {
  const kase = await loadCase(kaseId);
  const data = { ...caseStageHelpers, title: `Case ${kase.number}`, kase, tab: 'appointments', displayName, caseRoles: CASE_ROLES, linked: [], tabUrl: (q: { tab?: 'contacts' | 'documents' | 'portal' | 'appointments' }) => caseTabUrl(kase._id, q) };
  return render(c, 'cases/page', { ...data, ...(await caseAppointmentsTab(kase, { draft: input, errors })) }, 422);
}

caseAppointmentRoutes.post('/', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const input = await readInput(c);
  const user = c.get('user')!;
  const made = await createAppointment({ caseId: kase._id, input, actor: { id: user.id, name: user.name } });
  if (!made.ok) return tabWithErrors(c, String(kase._id), input, made.errors);
  const { services } = c.var;
  await startAppointmentReminder(services.temporal, { appointmentId: String(made.appointment._id), startsAt: made.appointment.startsAt, taskQueue: services.taskQueue, actorId: String(user.id) });
  return c.redirect(`/cases/${kase._id}?tab=appointments&saved=1`, 303);
});

async function loadAppointment(caseId: Types.ObjectId, id: string) {
  const a = Types.ObjectId.isValid(id) ? await findAppointment(new Types.ObjectId(id)) : null;
  if (!a || !a.caseId.equals(caseId)) throw new AppError('NOT_FOUND', 'There is no such appointment on this case.');
  return a;
}

caseAppointmentRoutes.post('/:id/move', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const a = await loadAppointment(kase._id, c.req.param('id'));
  const input = await readInput(c);
  const user = c.get('user')!;
  const moved = await moveAppointment({ id: a._id, input, actor: { id: user.id, name: user.name } });
  if (!moved.ok) return tabWithErrors(c, String(kase._id), input, moved.errors);
  const { services } = c.var;
  await moveAppointmentReminder(services.temporal, { appointmentId: String(a._id), startsAt: moved.appointment.startsAt, taskQueue: services.taskQueue, actorId: String(user.id) });
  return c.redirect(`/cases/${kase._id}?tab=appointments&saved=1`, 303);
});

caseAppointmentRoutes.post('/:id/cancel', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const a = await loadAppointment(kase._id, c.req.param('id'));
  const user = c.get('user')!;
  if (await cancelAppointment({ id: a._id, actor: { id: user.id, name: user.name } })) await cancelAppointmentReminder(c.get('services').temporal, String(a._id));
  return c.redirect(`/cases/${kase._id}?tab=appointments`, 303);
});
