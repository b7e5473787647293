// Staff settle who sent an intake form: one of the likely matches the
// duplicate check found (the form's answers then propose changes to that
// contact, reviewed like any form's), or a new contact made from the
// answers. Either way the contact is linked to the case, the form becomes
// theirs, and its PDF is made into their documents.
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormRequest, findFormSubmission, setIntakeContact } from '../../db/forms/form-requests';
import type { FormRequestDoc } from '../../db/models/index';
import { config } from '../../config/config';
import type { CaseRole } from '../../domain/cases/case-fields';
import { intakeContactInput } from '../../domain/forms/intake-contact-input';
import { proposedContactChanges } from '../../domain/forms/proposed-contact-changes';
import type { Storage } from '../../storage/storage';
import { linkContactToCase } from '../cases/link-contact-to-case';
import { createContact } from '../contacts/create-contact';
import { renderFormSubmissionPdf } from './render-form-pdf';

export type ResolveIntakeResult = { ok: true; request: FormRequestDoc; contactId: Types.ObjectId; how: 'linked' | 'created' } | { ok: false; error: string };

export async function resolveIntake(o: { requestId: Types.ObjectId; choice: string; role: CaseRole; actor: Actor; storage: Storage; now?: Date }): Promise<ResolveIntakeResult> {
  const request = await findFormRequest(o.requestId);
  if (!request?.intake) return { ok: false, error: 'This is not an intake form.' };
  if (request.contactId) return { ok: false, error: 'This intake was settled already.' };
  const last = request.submissionIds.at(-1);
  const submission = last ? await findFormSubmission(last) : null;
  const version = await findTemplateVersion(request.versionId);
  if (!submission || !version) return { ok: false, error: 'This intake form has not been sent back yet.' };
  let contactId: Types.ObjectId;
  let how: 'linked' | 'created';
  if (o.choice === 'new') {
    const created = await createContact({ input: { ...intakeContactInput(version.fields, submission.answers), source: 'intake' }, actor: o.actor, region: config.DEFAULT_PHONE_REGION });
    if (!created.ok) return { ok: false, error: `A contact could not be made from these answers: ${created.errors.map((e) => e.message).join(' ')} Link an existing contact instead, or add the contact by hand.` };
    contactId = created.contact._id;
    how = 'created';
  } else {
    // Only a contact the duplicate check offered, and still a live one.
    const offered = (submission.intakeMatches ?? []).some((m) => String(m.contactId) === o.choice);
    const existing = offered && Types.ObjectId.isValid(o.choice) ? await findContact(new Types.ObjectId(o.choice)) : null;
    if (!existing || existing.mergedInto) return { ok: false, error: 'Choose one of the matches shown, or create a new contact.' };
    contactId = existing._id;
    how = 'linked';
  }
  const contact = (await findContact(contactId))!;
  // Linked to an existing contact: the answers propose changes to them, for staff to accept or reject as on any form.
  const changes = how === 'linked' ? proposedContactChanges(version.fields, submission.answers, contact).map((c) => ({ ...c, decision: 'pending' as const })) : [];
  const settled = await setIntakeContact(request._id, submission._id, contactId, changes, { how, by: o.actor.name, at: o.now ?? new Date() });
  if (!settled) return { ok: false, error: 'Someone else settled this intake meanwhile. Reload to see what they chose.' };
  await linkContactToCase({ caseId: request.caseId, contactId, role: o.role, actor: o.actor });
  await audit(o.actor, 'form.intake-resolve', { type: 'Contact', id: contactId }, { requestId: String(request._id), how });
  await renderFormSubmissionPdf(submission._id, { storage: o.storage });
  return { ok: true, request: settled, contactId, how };
}
