// A case's appointments are listed under _id "case-appointment:<caseId>" (as a
// contact's records are, db/contacts/contact-links.ts), so reading them is
// look-ups by _id, which every engine serves from an index.
import { Types } from 'mongoose';
import { findByIds, idOfLinkKey, linkKey } from '../contacts/contact-links';
import { Appointment, appointmentCollection, linkListCollection, type AppointmentDoc } from '../models/index';

const listId = (caseId: Types.ObjectId) => `case-appointment:${caseId.toHexString()}`;

export async function insertAppointment(a: AppointmentDoc): Promise<void> {
  await appointmentCollection.insertOne(a);
  await linkListCollection.updateOne({ _id: listId(a.caseId) }, { $addToSet: { keys: linkKey({ id: a._id, at: a.createdAt }) } }, { upsert: true });
}

export async function findAppointment(id: Types.ObjectId): Promise<AppointmentDoc | null> {
  return appointmentCollection.findOne({ _id: id });
}

/** A case's appointments, soonest first (cancelled ones too: the pages mark them). */
export async function appointmentsOfCase(caseId: Types.ObjectId, limit = 200): Promise<AppointmentDoc[]> {
  const list = await linkListCollection.findOne({ _id: listId(caseId) });
  const keys = (list?.keys ?? []).slice().sort().reverse().slice(0, limit);
  const rows = await findByIds<AppointmentDoc>(Appointment, keys.map((k) => new Types.ObjectId(idOfLinkKey(k))));
  return rows.filter((a) => a.caseId.equals(caseId)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
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
