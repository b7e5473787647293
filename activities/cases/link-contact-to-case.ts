import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { addLinkedRecords, findByIds, linkedRecords, removeLinkedRecords } from '../../db/contacts/contact-links';
import type { CaseDoc } from '../../db/models/index';
import { Case, Contact } from '../../db/models/index';

/** The cases a contact is linked to, most recently linked first. */
export async function casesOfContact(contactId: Types.ObjectId, limit = 500): Promise<CaseDoc[]> {
  const { refs } = await linkedRecords('case', contactId, { limit });
  return findByIds<CaseDoc>(Case, refs.map((r) => r.id));
}

/** Keeps the contact's denormalized case statuses (used by the list filter) in step with its links. */
export async function refreshCaseStatuses(contactId: Types.ObjectId): Promise<void> {
  const cases = await casesOfContact(contactId);
  await Contact.updateOne({ _id: contactId }, { $set: { caseStatuses: [...new Set(cases.map((c) => c.status))] } });
  await recordContactChanges([contactId]);
}

/** Links a contact to a case with a role; linking again changes the role instead of adding a second link. */
export async function linkContactToCase(o: { caseId: Types.ObjectId; contactId: Types.ObjectId; role: string; actor: Actor }) {
  const kase = await Case.findOne({ _id: o.caseId }).lean();
  if (!kase) return false;
  const existing = kase.contacts.find((l) => String(l.contactId) === String(o.contactId));
  const linkedAt = existing?.linkedAt ?? new Date();
  const contacts = existing
    ? kase.contacts.map((l) => (String(l.contactId) === String(o.contactId) ? { ...l, role: o.role } : l))
    : [...kase.contacts, { contactId: o.contactId, role: o.role, linkedAt }];
  await Case.updateOne({ _id: o.caseId }, { $set: { contacts } });
  await addLinkedRecords('case', o.contactId, [{ id: o.caseId, at: linkedAt }]);
  await refreshCaseStatuses(o.contactId);
  await audit(o.actor, existing ? 'case.role-change' : 'case.link', { type: 'Case', id: o.caseId }, { contactId: String(o.contactId), role: o.role });
  return true;
}

export async function unlinkContactFromCase(o: { caseId: Types.ObjectId; contactId: Types.ObjectId; actor: Actor }) {
  const kase = await Case.findOne({ _id: o.caseId }).lean();
  if (!kase) return false;
  const link = kase.contacts.find((l) => String(l.contactId) === String(o.contactId));
  await Case.updateOne({ _id: o.caseId }, { $set: { contacts: kase.contacts.filter((l) => String(l.contactId) !== String(o.contactId)) } });
  if (link) await removeLinkedRecords('case', o.contactId, [{ id: o.caseId, at: link.linkedAt }]);
  await refreshCaseStatuses(o.contactId);
  await audit(o.actor, 'case.unlink', { type: 'Case', id: o.caseId }, { contactId: String(o.contactId) });
  return true;
}
