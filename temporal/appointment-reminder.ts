// Starting and signalling an appointment's AppointmentReminderWorkflow.
import type { Client } from '@temporalio/client';
import type { AppointmentReminderInput } from '../workflows/index';
import { appointmentWorkflowId, cancelAppointmentSignal, moveAppointmentSignal } from '../workflows/messages/appointment-reminder';
import { CasebookActor, CasebookKind } from './search-attributes';
import { startWorkflowOnce } from './start-once';

export async function startAppointmentReminder(client: Client, o: { appointmentId: string; startsAt: Date; taskQueue: string; actorId: string }): Promise<string> {
  const input: AppointmentReminderInput = { appointmentId: o.appointmentId, startsAt: o.startsAt.toISOString() };
  return startWorkflowOnce(client, 'AppointmentReminderWorkflow', {
    taskQueue: o.taskQueue,
    workflowId: appointmentWorkflowId(o.appointmentId),
    args: [input],
    staticSummary: 'Appointment reminder, 24 hours before',
    typedSearchAttributes: [
      { key: CasebookKind, value: 'appointment' },
      { key: CasebookActor, value: o.actorId },
    ],
  });
}

const ignoreEnded = (err: Error) => {
  if (err.name !== 'WorkflowNotFoundError') throw err;
};

/** A moved appointment: the reminder follows; one whose workflow had ended (it had started) gets a new one. */
export async function moveAppointmentReminder(client: Client, o: { appointmentId: string; startsAt: Date; taskQueue: string; actorId: string }): Promise<void> {
  try {
    await client.workflow.getHandle(appointmentWorkflowId(o.appointmentId)).signal(moveAppointmentSignal, o.startsAt.toISOString());
  } catch (err) {
    if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
    await client.workflow.start('AppointmentReminderWorkflow', { taskQueue: o.taskQueue, workflowId: appointmentWorkflowId(o.appointmentId), args: [{ appointmentId: o.appointmentId, startsAt: o.startsAt.toISOString() }], staticSummary: 'Appointment reminder, 24 hours before', typedSearchAttributes: [{ key: CasebookKind, value: 'appointment' }, { key: CasebookActor, value: o.actorId }] });
  }
}

export async function cancelAppointmentReminder(client: Client, appointmentId: string): Promise<void> {
  await client.workflow.getHandle(appointmentWorkflowId(appointmentId)).signal(cancelAppointmentSignal).catch(ignoreEnded);
}
