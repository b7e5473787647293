// Staff put an appointment on a case, move it or cancel it. The caller then
// starts or signals its AppointmentReminderWorkflow (temporal/appointment-reminder.ts).
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findAppointment, insertAppointment, markAppointmentCancelled, updateAppointment } from '../../db/appointments/appointments';
import { findCase } from '../../db/cases/cases';
import { findContacts } from '../../db/contacts/contacts';
import type { AppointmentDoc } from '../../db/models/index';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { zonedTimeToInstant } from '../../domain/appointments/zoned-time';

export type AppointmentInput = { title: string; date: string; start: string; end: string; timezone: string; place?: string; videoUrl?: string; contactIds: string[] };
export type AppointmentResult = { ok: true; appointment: AppointmentDoc } | { ok: false; errors: Record<string, string> };

async function checked(caseId: Types.ObjectId, input: AppointmentInput): Promise<{ errors: Record<string, string>; value?: Omit<AppointmentDoc, '_id' | 'caseId' | 'createdAt' | 'updatedAt' | 'sequence' | 'createdBy'> }> {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) errors.title = 'Give the appointment a title.';
  if (title.length > 200) errors.title = 'A title can be at most 200 characters.';
  const startsAt = zonedTimeToInstant(input.date, input.start, input.timezone);
  const endsAt = zonedTimeToInstant(input.date, input.end, input.timezone);
  if (!startsAt) errors.start = 'Enter a date and a start time.';
  if (!endsAt) errors.end = 'Enter an end time.';
  if (startsAt && endsAt && endsAt <= startsAt) errors.end = 'The end must be after the start.';
  const videoUrl = input.videoUrl?.trim() || undefined;
  if (videoUrl && !/^https:\/\/[^\s<>"']+$/.test(videoUrl)) errors.videoUrl = 'A video link must start with https://';
  const kase = await findCase(caseId);
  if (!kase) return { errors: { form: 'There is no such case.' } };
  const onCase = new Set(kase.contacts.map((l) => String(l.contactId)));
  const ids = [...new Set(input.contactIds)].filter((id) => onCase.has(id));
  const contacts = await findContacts(ids.map((id) => new Types.ObjectId(id)));
  if (Object.keys(errors).length) return { errors };
  return { errors, value: { title, startsAt: startsAt!, endsAt: endsAt!, timezone: input.timezone, place: input.place?.trim().slice(0, 300) || undefined, videoUrl, attendees: contacts.map((c) => ({ contactId: c._id, name: displayName(c) })) } };
}

export async function createAppointment(o: { caseId: Types.ObjectId; input: AppointmentInput; actor: Actor; now?: Date }): Promise<AppointmentResult> {
  const { errors, value } = await checked(o.caseId, o.input);
  if (!value) return { ok: false, errors };
  const now = o.now ?? new Date();
  const appointment: AppointmentDoc = { _id: new Types.ObjectId(), caseId: o.caseId, ...value, createdBy: { id: o.actor.id, name: o.actor.name }, createdAt: now, updatedAt: now, sequence: 0 };
  await insertAppointment(appointment);
  await audit(o.actor, 'appointment.create', { type: 'Case', id: o.caseId }, { appointmentId: String(appointment._id), startsAt: value.startsAt.toISOString() });
  return { ok: true, appointment };
}

export async function moveAppointment(o: { id: Types.ObjectId; input: AppointmentInput; actor: Actor; now?: Date }): Promise<AppointmentResult> {
  const existing = await findAppointment(o.id);
  if (!existing || existing.cancelledAt) return { ok: false, errors: { form: 'This appointment was cancelled or removed.' } };
  const { errors, value } = await checked(existing.caseId, o.input);
  if (!value) return { ok: false, errors };
  const appointment = await updateAppointment(o.id, { ...value, updatedAt: o.now ?? new Date() });
  if (!appointment) return { ok: false, errors: { form: 'This appointment was cancelled meanwhile.' } };
  await audit(o.actor, 'appointment.move', { type: 'Case', id: existing.caseId }, { appointmentId: String(o.id), from: existing.startsAt.toISOString(), to: value.startsAt.toISOString() });
  return { ok: true, appointment };
}

export async function cancelAppointment(o: { id: Types.ObjectId; actor: Actor; now?: Date }): Promise<AppointmentDoc | null> {
  const appointment = await markAppointmentCancelled(o.id, o.now ?? new Date());
  if (appointment) await audit(o.actor, 'appointment.cancel', { type: 'Case', id: appointment.caseId }, { appointmentId: String(o.id) });
  return appointment;
}
