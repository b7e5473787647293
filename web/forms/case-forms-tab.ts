// The case page's Forms tab: the forms sent to the case's contacts (open,
// sent back with changes to review, expired), a form to send one, and Share
// Link for each contact with a form open.
import type { Types } from 'mongoose';
import { findContacts } from '../../db/contacts/contacts';
import { formRequestsOfCase, findFormSubmission } from '../../db/forms/form-requests';
import { listFormTemplates } from '../../db/forms/form-templates';
import type { CaseDoc, FormSubmissionDoc } from '../../db/models/index';
import { markCaseNoticesSeen } from '../../db/portal/portal-notices';
import { displayName } from '../../domain/contacts/contact-search-keys';

export const FORM_SAVED_MESSAGES = { cancelled: 'Form withdrawn: the client can no longer fill it in.', intake: 'Intake form sent. It shows below; when it comes back, you choose who it is.' } as const;

export type IntakeDraft = { intakeTemplateId?: string; name?: string; channel?: string; to?: string };

export async function caseFormsTab(kase: CaseDoc, staff: { id: Types.ObjectId; name: string }, o: { errors?: Record<string, string>; draft?: { templateId?: string; contactId?: string }; intakeErrors?: Record<string, string>; intakeDraft?: IntakeDraft } = {}) {
  const [requests, templates, contacts] = await Promise.all([formRequestsOfCase(kase._id), listFormTemplates(), findContacts(kase.contacts.map((l) => l.contactId))]);
  const names = new Map(contacts.map((c) => [String(c._id), displayName(c)]));
  const intakeTemplates = templates.filter((t) => t.intake);
  const submissions = new Map<string, FormSubmissionDoc>();
  for (const r of requests) {
    const last = r.submissionIds.at(-1);
    const s = last ? await findFormSubmission(last) : null;
    if (s) submissions.set(String(r._id), s);
  }
  await markCaseNoticesSeen(kase._id, 'form', staff.name, new Date());
  const clients = contacts.filter((c) => !c.mergedInto).map((c) => ({ id: String(c._id), name: displayName(c), role: kase.contacts.find((l) => l.contactId.equals(c._id))?.role ?? '' }));
  const openFor = new Set(requests.filter((r) => r.status === 'open' && r.contactId).map((r) => String(r.contactId)));
  return {
    requests, submissions, templates: templates.filter((t) => !t.intake), intakeTemplates, clientChoices: clients,
    contactName: (r: { contactId?: unknown; intake?: { name?: string; to: string } }) => (r.contactId ? names.get(String(r.contactId)) ?? 'a contact' : `${r.intake?.name || r.intake?.to || 'someone new'} (intake)`),
    intakeErrors: o.intakeErrors ?? {}, intakeDraft: { intakeTemplateId: intakeTemplates[0] ? String(intakeTemplates[0]._id) : undefined, channel: 'email', ...o.intakeDraft },
    shareWith: clients.filter((c) => openFor.has(c.id)),
    formErrors: o.errors ?? {}, formDraft: { templateId: templates[0] ? String(templates[0]._id) : undefined, contactId: clients[0]?.id, ...o.draft },
    pendingChanges: (s?: FormSubmissionDoc) => (s ? s.changes.filter((c) => c.decision === 'pending').length : 0),
  };
}
