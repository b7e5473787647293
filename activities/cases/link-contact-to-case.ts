import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { casesOfContact, findCase, setCaseContacts } from '../../db/cases/cases';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { addLinkedRecords, removeLinkedRecords } from '../../db/contacts/contact-links';
import { setCaseStatuses } from '../../db/contacts/contacts';
import type { CaseRole } from '../../domain/cases/case-fields';

/** Keeps the contact's denormalized case statuses (used by the list filter) in step with its links. */
async function refreshCaseStatuses(contactId: Types.ObjectId): Promise<void> {
  const cases = await casesOfContact(contactId);
  await setCaseStatuses(contactId, [...new Set(cases.map((c) => c.status))]);
  await recordContactChanges([contactId]);
}

/** Links a contact to a case with a role; linking again changes the role instead of adding a second link. False: no such case. */
export async function linkContactToCase(o: { caseId: Types.ObjectId; contactId: Types.ObjectId; role: CaseRole; actor: Actor }): Promise<boolean> {
  const kase = await findCase(o.caseId);
  if (!kase) return false;
  const existing = kase.contacts.find((l) => String(l.contactId) === String(o.contactId));
  const linkedAt = existing?.linkedAt ?? new Date();
  const contacts = existing
    ? kase.contacts.map((l) => (String(l.contactId) === String(o.contactId) ? { ...l, role: o.role } : l))
    : [...kase.contacts, { contactId: o.contactId, role: o.role, linkedAt }];
  await setCaseContacts(o.caseId, contacts);
  await addLinkedRecords('case', o.contactId, [{ id: o.caseId, at: linkedAt }]);
  await refreshCaseStatuses(o.contactId);
  await audit(o.actor, existing ? 'case.role-change' : 'case.link', { type: 'Case', id: o.caseId }, { contactId: String(o.contactId), role: o.role });
  return true;
}

/** Takes a contact off a case. False: no such case. */
export async function unlinkContactFromCase(o: { caseId: Types.ObjectId; contactId: Types.ObjectId; actor: Actor }): Promise<boolean> {
  const kase = await findCase(o.caseId);
  if (!kase) return false;
  const link = kase.contacts.find((l) => String(l.contactId) === String(o.contactId));
  await setCaseContacts(o.caseId, kase.contacts.filter((l) => String(l.contactId) !== String(o.contactId)));
  if (link) await removeLinkedRecords('case', o.contactId, [{ id: o.caseId, at: link.linkedAt }]);
  await refreshCaseStatuses(o.contactId);
  await audit(o.actor, 'case.unlink', { type: 'Case', id: o.caseId }, { contactId: String(o.contactId) });
  return true;
}
