import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

/**
 * An appointment on a case (AppointmentReminderWorkflow, id
 * `appointment-<id>`, reminds its contact attendees 24 hours before). Times
 * are instants; `timezone` is the zone they were set in and are shown in.
 */
const appointmentSchema = new Schema(
  {
    caseId: { type: Schema.Types.ObjectId, ref: 'Case', required: true },
    title: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    timezone: { type: String, required: true },
    place: String,
    videoUrl: String,
    attendees: { type: [{ contactId: Schema.Types.ObjectId, staffUserId: Schema.Types.ObjectId, name: String, _id: false }], default: [] },
    createdBy: { id: Schema.Types.ObjectId, name: String },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    cancelledAt: Date,
    sequence: { type: Number, default: 0 }, // iCalendar SEQUENCE: calendars replace an older copy of the event
  },
  { collection: 'appointments', versionKey: false },
);
appointmentSchema.index({ caseId: 1, startsAt: 1 });

export type AppointmentAttendee = { contactId?: Types.ObjectId; staffUserId?: Types.ObjectId; name: string };
export type AppointmentDoc = {
  _id: Types.ObjectId;
  caseId: Types.ObjectId;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  place?: string;
  videoUrl?: string;
  attendees: AppointmentAttendee[];
  createdBy?: { id: Types.ObjectId; name: string };
  createdAt: Date;
  updatedAt: Date;
  cancelledAt?: Date | null;
  sequence: number;
};
export const Appointment = mongoose.model('Appointment', appointmentSchema);
export const appointmentCollection = typedCollection<AppointmentDoc>(Appointment);
