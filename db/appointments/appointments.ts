import type { Types } from 'mongoose';
import { appointmentCollection, type AppointmentDoc } from '../models/index';

export async function insertAppointment(a: AppointmentDoc): Promise<void> {
  await appointmentCollection.insertOne(a);
}

export async function findAppointment(id: Types.ObjectId): Promise<AppointmentDoc | null> {
  return appointmentCollection.findOne({ _id: id });
}

/** A case's appointments, soonest first (cancelled ones too: the page marks them). */
export async function appointmentsOfCase(caseId: Types.ObjectId, limit = 200): Promise<AppointmentDoc[]> {
  return appointmentCollection.find({ caseId }).sort({ startsAt: 1 }).limit(limit).toArray();
}

/** The appointments of several cases, soonest first. */
export async function appointmentsOfCases(caseIds: Types.ObjectId[], limit = 200): Promise<AppointmentDoc[]> {
  if (!caseIds.length) return [];
  const lists = await Promise.all(caseIds.map((id) => appointmentsOfCase(id, limit)));
  return lists.flat().sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, limit);
}

export async function updateAppointment(id: Types.ObjectId, set: Partial<Pick<AppointmentDoc, 'title' | 'startsAt' | 'endsAt' | 'timezone' | 'place' | 'videoUrl' | 'attendees' | 'updatedAt'>>): Promise<AppointmentDoc | null> {
  return appointmentCollection.findOneAndUpdate({ _id: id, cancelledAt: null }, { $set: set, $inc: { sequence: 1 } }, { returnDocument: 'after' });
}

export async function markAppointmentCancelled(id: Types.ObjectId, at: Date): Promise<AppointmentDoc | null> {
  return appointmentCollection.findOneAndUpdate({ _id: id, cancelledAt: null }, { $set: { cancelledAt: at, updatedAt: at }, $inc: { sequence: 1 } }, { returnDocument: 'after' });
}
