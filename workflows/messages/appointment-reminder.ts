// AppointmentReminderWorkflow's signals: staff moved the appointment (its new start) or cancelled it.
import { defineSignal } from '@temporalio/workflow';

export const moveAppointmentSignal = defineSignal<[string]>('moveAppointment');
export const cancelAppointmentSignal = defineSignal('cancelAppointment');
export const appointmentWorkflowId = (appointmentId: string) => `appointment-${appointmentId}`;
