import type { Types } from 'mongoose';
import { audit, type Actor } from '../audit';
import { recordContactChanges } from '../contact-changes';
import { Case, Contact } from '../models/index';

/** Keeps the contact's denormalized case statuses (used by the list filter) in step with its links. */
export async function refreshCaseStatuses(contactId: Types.ObjectId): Promise<void> {
  const cases = await Case.find({ 'contacts.contactId': contactId }, { status: 1 }).lean();
  await Contact.updateOne({ _id: contactId }, { $set: { caseStatuses: [...new Set(cases.map((c) => c.status))] } });
  await recordContactChanges([contactId]);
}

/** Links a contact to a case with a role; linking again changes the role instead of adding a second link. */
export async function linkContactToCase(o: { caseId: Types.ObjectId; contactId: Types.ObjectId; role: string; actor: Actor }) {
  const kase = await Case.findOne({ _id: o.caseId }).lean();
  if (!kase) return false;
  const existing = kase.contacts.find((l) => String(l.contactId) === String(o.contactId));
  const contacts = existing
    ? kase.contacts.map((l) => (String(l.contactId) === String(o.contactId) ? { ...l, role: o.role } : l))
    : [...kase.contacts, { contactId: o.contactId, role: o.role, linkedAt: new Date() }];
  await Case.updateOne({ _id: o.caseId }, { $set: { contacts } });
  await refreshCaseStatuses(o.contactId);
  await audit(o.actor, existing ? 'case.role-change' : 'case.link', { type: 'Case', id: o.caseId }, { contactId: String(o.contactId), role: o.role });
  return true;
}

export async function unlinkContactFromCase(o: { caseId: Types.ObjectId; contactId: Types.ObjectId; actor: Actor }) {
  const kase = await Case.findOne({ _id: o.caseId }).lean();
  if (!kase) return false;
  await Case.updateOne({ _id: o.caseId }, { $set: { contacts: kase.contacts.filter((l) => String(l.contactId) !== String(o.contactId)) } });
  await refreshCaseStatuses(o.contactId);
  await audit(o.actor, 'case.unlink', { type: 'Case', id: o.caseId }, { contactId: String(o.contactId) });
  return true;
}
