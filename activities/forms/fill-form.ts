// The client fills a form on the portal: answers kept as they type (any
// device the link opens finds them), then submitted once. A submission is
// checked field by field, recorded with the changes it would make to the
// contact (staff decide each), and the request closes; a second submission
// of the same form is refused. The caller signals FormRequestWorkflow,
// which renders the PDF.
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import { findDocumentsByIds } from '../../db/documents/documents';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { deleteFormSubmission, insertFormSubmission, markFormSubmitted, saveFormDraft } from '../../db/forms/form-requests';
import type { FormRequestDoc, FormSubmissionDoc, IntakeMatch } from '../../db/models/index';
import { insertPortalNotice } from '../../db/portal/portal-notices';
import { config, emailRules } from '../../config/config';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { checkFormAnswers } from '../../domain/forms/check-form-answers';
import type { FormAnswers, FormField } from '../../domain/forms/form-fields';
import { intakeContactInput } from '../../domain/forms/intake-contact-input';
import { contactMatchInput } from '../../domain/duplicates/contact-match-input';
import { findDuplicateCandidates, type CandidateSearch } from '../duplicates/find-duplicate-candidates';
import { proposedContactChanges } from '../../domain/forms/proposed-contact-changes';

export const DRAFT_MAX_CHARS = 1_000_000;

/** Answers as a form post sends them: strings, lists for multiple choice; anything else dropped, sizes capped. */
export function answersFromPost(body: Record<string, unknown>): FormAnswers {
  const out: FormAnswers = {};
  for (const [k, v] of Object.entries(body)) {
    if (!/^[a-z][a-z0-9_]{0,39}(:(street|city|region|postcode|country))?$/.test(k)) continue;
    if (typeof v === 'string') out[k] = v.slice(0, 400_000);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 50).map((x) => x.slice(0, 500));
  }
  return out;
}

export async function saveDraftAnswers(request: FormRequestDoc, answers: FormAnswers, now = new Date()): Promise<{ ok: boolean; error?: string }> {
  if (request.status !== 'open') return { ok: false, error: 'This form was already sent.' };
  // A file field's answer is set by its upload, not by the typed answers.
  const version = await findTemplateVersion(request.versionId);
  const fileKeys = new Set((version?.fields ?? []).filter((f) => f.type === 'file').map((f) => f.key));
  const draft = { ...Object.fromEntries(Object.entries(answers).filter(([k]) => !fileKeys.has(k))), ...Object.fromEntries(Object.entries(request.draft ?? {}).filter(([k]) => fileKeys.has(k))) };
  if (JSON.stringify(draft).length > DRAFT_MAX_CHARS) return { ok: false, error: 'These answers are too long to keep.' };
  return { ok: await saveFormDraft(request._id, draft, now) };
}

export type SubmitResult = { ok: true; submission: FormSubmissionDoc } | { ok: false; errors: Record<string, string>; closed?: boolean };

export async function submitForm(o: { request: FormRequestDoc; answers: FormAnswers; now?: Date; matchSearch?: Omit<CandidateSearch, 'limit'> }): Promise<SubmitResult> {
  const now = o.now ?? new Date();
  if (o.request.status !== 'open' || o.request.expiresAt <= now) return { ok: false, closed: true, errors: { form: o.request.status === 'submitted' ? 'This form was already sent. Thank you.' : 'This form is no longer open. Ask your legal team to send it again.' } };
  const version = await findTemplateVersion(o.request.versionId);
  const contact = o.request.contactId ? await findContact(o.request.contactId) : null;
  const intake = !o.request.contactId && Boolean(o.request.intake);
  if (!version || (!contact && !intake)) return { ok: false, closed: true, errors: { form: 'This form is no longer open.' } };
  // Files count only when they were sent for this form (their ids are in its draft), by this contact or, on an intake, to this case.
  const merged: FormAnswers = { ...o.answers, ...Object.fromEntries(version.fields.filter((f) => f.type === 'file').map((f) => [f.key, o.request.draft?.[f.key] ?? ''])) };
  const fileIds = version.fields.filter((f) => f.type === 'file').map((f) => String(merged[f.key] ?? '')).filter((id) => Types.ObjectId.isValid(id));
  const files = await findDocumentsByIds(fileIds.map((id) => new Types.ObjectId(id)));
  const owned = new Set(files.filter((d) => (contact ? d.contactId?.equals(contact._id) : !d.contactId && d.caseId?.equals(o.request.caseId))).map((d) => String(d._id)));
  const checked = checkFormAnswers(version.fields, merged, { region: config.DEFAULT_PHONE_REGION, fileIds: owned });
  await saveFormDraft(o.request._id, merged, now);
  if (!checked.ok) return checked;
  // An intake: the matching engine looks for the person among existing contacts, for staff to link or create.
  const intakeMatches = intake ? await intakeMatchesFor(version.fields, checked.answers, o.matchSearch) : undefined;
  const submission: FormSubmissionDoc = {
    _id: new Types.ObjectId(), requestId: o.request._id, n: o.request.submissionIds.length + 1, versionId: version._id, caseId: o.request.caseId, contactId: contact?._id,
    answers: checked.answers, submittedAt: now, changes: contact ? proposedContactChanges(version.fields, checked.answers, contact).map((c) => ({ ...c, decision: 'pending' as const })) : [], reviewSeq: 0,
    ...(intakeMatches ? { intakeMatches } : {}),
  };
  await insertFormSubmission(submission);
  if (!(await markFormSubmitted(o.request._id, submission._id, now))) {
    // Submitted meanwhile (a double tap, a second device): the first one stands.
    await deleteFormSubmission(submission._id);
    return { ok: false, closed: true, errors: { form: 'This form was already sent. Thank you.' } };
  }
  const who = contact ? displayName(contact) : intakeName(version.fields, checked.answers) || o.request.intake?.name || 'Someone new';
  await audit({ id: contact?._id ?? o.request._id, name: `${who} (${contact ? 'client' : 'intake'})` }, 'form.submit', { type: 'Case', id: o.request.caseId }, { requestId: String(o.request._id), submissionId: String(submission._id), changes: submission.changes.length, ...(intakeMatches ? { likelyMatches: intakeMatches.length } : {}) });
  const summary = intake
    ? `${who} sent the intake form “${o.request.name}”: ${intakeMatches!.length ? `${intakeMatches!.length} possible match${intakeMatches!.length === 1 ? '' : 'es'} among contacts` : 'no existing contact matches'}; link or create the contact.`
    : `${who} sent the form “${o.request.name}”${submission.changes.length ? `, with ${submission.changes.length} change${submission.changes.length === 1 ? '' : 's'} to review` : ''}.`;
  await insertPortalNotice({ kind: 'form', contactId: contact?._id, caseId: o.request.caseId, refId: o.request._id, summary, at: now });
  return { ok: true, submission };
}

/** The name an intake's answers give (its fields mapped to first and last name). */
export function intakeName(fields: readonly FormField[], answers: FormAnswers): string {
  const part = (t: string) => String(answers[fields.find((f) => f.mapsTo === t)?.key ?? ''] ?? '').trim();
  return [part('firstName'), part('lastName')].filter(Boolean).join(' ');
}

async function intakeMatchesFor(fields: readonly FormField[], answers: FormAnswers, search?: Omit<CandidateSearch, 'limit'>): Promise<IntakeMatch[]> {
  const input = intakeContactInput(fields, answers);
  const candidates = await findDuplicateCandidates(contactMatchInput(input), { region: config.DEFAULT_PHONE_REGION, emailRules, ...search, limit: 5 });
  return candidates.map((c) => ({ contactId: c.contact._id, name: displayName(c.contact), score: c.score, band: c.band, reasons: c.plainFor, against: c.plainAgainst }));
}
