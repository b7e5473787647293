// Staff send a form to a contact on a case: a request pinned to the
// template's current version. The caller starts its FormRequestWorkflow
// (reminders, expiry) and opens Share Link, which sends the contact the
// portal link the form is filled in.
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import { findFormTemplate, versionIdOf } from '../../db/forms/form-templates';
import { insertFormRequest } from '../../db/forms/form-requests';
import type { FormRequestDoc } from '../../db/models/index';
import { config } from '../../config/config';

export type SendFormResult = { ok: true; request: FormRequestDoc } | { ok: false; errors: Record<string, string> };

export async function sendFormToContact(o: { caseId: Types.ObjectId; templateId: string; contactId: string; actor: Actor; now?: Date }): Promise<SendFormResult> {
  const kase = await findCase(o.caseId);
  if (!kase) return { ok: false, errors: { form: 'There is no such case.' } };
  const template = Types.ObjectId.isValid(o.templateId) ? await findFormTemplate(new Types.ObjectId(o.templateId)) : null;
  const errors: Record<string, string> = {};
  if (!template || template.archivedAt) errors.templateId = 'Choose a form template.';
  const onCase = Types.ObjectId.isValid(o.contactId) && kase.contacts.some((l) => l.contactId.equals(o.contactId));
  const contact = onCase ? await findContact(new Types.ObjectId(o.contactId)) : null;
  if (!contact || contact.mergedInto) errors.contactId = 'Choose a contact on this case.';
  if (Object.keys(errors).length) return { ok: false, errors };
  const now = o.now ?? new Date();
  const request: FormRequestDoc = {
    _id: new Types.ObjectId(), templateId: template!._id, versionId: versionIdOf(template!._id, template!.currentVersion), name: template!.name, caseId: kase._id, contactId: contact!._id,
    status: 'open', draft: {}, submissionIds: [], sentBy: { id: o.actor.id, name: o.actor.name }, createdAt: now, expiresAt: new Date(now.getTime() + config.FORM_LIFETIME_DAYS * 86_400_000), remindersSent: 0,
  };
  await insertFormRequest(request);
  await audit(o.actor, 'form.send', { type: 'Case', id: kase._id }, { requestId: String(request._id), template: String(template!._id), version: template!.currentVersion, contactId: String(contact!._id) });
  return { ok: true, request };
}
