import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { deliverAsChild } from './deliver-as-child';
import { cancelAppointmentSignal, moveAppointmentSignal } from './messages/appointment-reminder';

const steps = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

export type AppointmentReminderInput = { appointmentId: string; startsAt: string };
export type AppointmentReminderResult = { status: 'reminded' | 'cancelled' | 'past' | 'gone'; reminders: number };

export const REMIND_BEFORE_MS = 24 * 3_600_000;

/**
 * An appointment's reminder (id `appointment-<id>`): a durable timer to 24
 * hours before it starts, moved when staff move the appointment, stopped
 * when they cancel it. The reminder goes to each contact attendee through
 * the outbox; an appointment moved after its reminder went is reminded again.
 */
export async function AppointmentReminderWorkflow({ appointmentId, startsAt }: AppointmentReminderInput): Promise<AppointmentReminderResult> {
  let start = Date.parse(startsAt);
  let cancelled = false;
  setHandler(moveAppointmentSignal, (iso) => void (start = Date.parse(iso)));
  setHandler(cancelAppointmentSignal, () => void (cancelled = true));
  let remindedFor: number | undefined;
  let reminders = 0;
  for (;;) {
    if (cancelled) return { status: 'cancelled', reminders };
    if (remindedFor === start || start <= Date.now()) {
      // Reminded for this time (or it is under way): wait for a move or a cancel until it starts.
      const seen = start;
      if (start > Date.now() && (await condition(() => cancelled || start !== seen, start - Date.now()))) continue;
      return { status: remindedFor === undefined ? 'past' : 'reminded', reminders };
    }
    const seen = start;
    if (await condition(() => cancelled || start !== seen, Math.max(1, start - REMIND_BEFORE_MS - Date.now()))) continue;
    const sent = await steps.remindAppointment(appointmentId, new Date(start).toISOString());
    if (sent.state === 'cancelled') return { status: 'cancelled', reminders };
    if (sent.state === 'gone') return { status: 'gone', reminders };
    if (sent.state === 'moved') {
      start = Date.parse(sent.startsAt!);
      continue;
    }
    remindedFor = start;
    for (const m of sent.messages) {
      reminders++;
      await deliverAsChild(m.messageId, 'appointment-reminder', m.channel);
    }
  }
}
