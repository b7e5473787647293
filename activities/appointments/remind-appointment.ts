// AppointmentReminderWorkflow's step: 24 hours before, each contact attendee
// is reminded by their preferred channel through the outbox (quiet hours
// apply, as to every text). A message's id is derived from the appointment,
// its version and the contact, so a retried step queues each reminder once
// and a moved appointment reminds again.
import { ApplicationFailure } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { findAppointment } from '../../db/appointments/appointments';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { displayFormat } from '../../domain/text/display-format';
import type { ActivityDeps } from '../deps';
import { optedOutNumbersOf } from '../outbox/opted-out-numbers';
import { queueMessage } from '../outbox/queue-message';

export type AppointmentReminders = { messages: { messageId: string; channel: 'email' | 'sms' }[]; state: 'sent' | 'cancelled' | 'moved' | 'gone'; startsAt?: string };

const reminderId = (appointmentId: string, sequence: number, contactId: string) =>
  new Types.ObjectId(createHash('sha256').update(`appointment-reminder:${appointmentId}:${sequence}:${contactId}`).digest('hex').slice(0, 24));

export async function remindAppointment(appointmentId: Types.ObjectId, o: { expectedStartsAt: string; now: Date }): Promise<AppointmentReminders> {
  const a = await findAppointment(appointmentId);
  if (!a) return { messages: [], state: 'gone' };
  if (a.cancelledAt) return { messages: [], state: 'cancelled' };
  // Moved since the workflow last heard (its signal may be on the way): the workflow sleeps to the new time instead.
  if (a.startsAt.toISOString() !== o.expectedStartsAt) return { messages: [], state: 'moved', startsAt: a.startsAt.toISOString() };
  const kase = await findCase(a.caseId);
  const messages: AppointmentReminders['messages'] = [];
  for (const attendee of a.attendees) {
    if (!attendee.contactId) continue;
    const contact = await findContact(attendee.contactId);
    if (!contact || contact.mergedInto) continue;
    const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
    const channel = availability.preferred;
    if (!channel) continue;
    const fmt = displayFormat({ timeZone: contact.timezone || a.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
    const where = a.place ? ` at ${a.place}` : a.videoUrl ? ` by video (${a.videoUrl})` : '';
    const queued = await queueMessage({
      contactId: contact._id,
      caseId: a.caseId,
      channel,
      to: availability[channel].recipients[0]!.value,
      subject: `Reminder: ${a.title}, ${fmt.time(a.startsAt)}`,
      body: `Reminder: ${a.title}${kase ? ` (case ${kase.number})` : ''} on ${fmt.time(a.startsAt)}${where}.`,
      purpose: 'appointment-reminder',
      messageId: reminderId(String(a._id), a.sequence, String(contact._id)),
    }, o.now);
    if (queued.ok) messages.push({ messageId: queued.messageId, channel });
  }
  return { messages, state: 'sent' };
}

export function createAppointmentActivities(deps: ActivityDeps) {
  return {
    remindAppointment: (appointmentId: string, expectedStartsAt: string) => {
      if (!Types.ObjectId.isValid(appointmentId)) throw ApplicationFailure.nonRetryable(`Bad appointment id ${appointmentId}`, 'AppointmentNotFound');
      return remindAppointment(new Types.ObjectId(appointmentId), { expectedStartsAt, now: deps.clock() });
    },
  };
}
