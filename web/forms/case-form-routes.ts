import { Hono, type Context } from 'hono';
import { Types } from 'mongoose';
import { reviewFormChanges, undoFormChange } from '../../activities/forms/review-form-changes';
import { sendFormToContact } from '../../activities/forms/send-form';
import { audit } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import { findDocument, findDocumentsByIds } from '../../db/documents/documents';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormRequest, findFormSubmission, markFormClosed } from '../../db/forms/form-requests';
import type { CaseDoc, FormRequestDoc } from '../../db/models/index';
import { config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { CASE_ROLES } from '../../domain/cases/case-fields';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { formPdfLines } from '../../domain/forms/form-pdf-lines';
import { CONTACT_TARGETS, type ContactTarget } from '../../domain/forms/form-fields';
import { signalFormCancelled, startFormRequestWorkflow } from '../../temporal/form-request';
import { caseTabUrl } from '../cases/case-documents';
import { loadCase } from '../cases/routes';
import type { AppEnv } from '../env';
import { caseStageHelpers } from '../portal-links/case-portal-tab';
import { render } from '../render';
import { caseFormsTab, type IntakeDraft } from './case-forms-tab';
import { sendIntakeForm } from '../../activities/forms/send-intake-form';
import { resolveIntake } from '../../activities/forms/resolve-intake';
import { startMessageDelivery } from '../../temporal/deliver-message';
import { CASE_ROLES as ROLES } from '../../domain/cases/case-fields';

/** Forms on a case: send one (then Share Link), review what came back, accept or reject each contact change, undo, withdraw. Mounted under /cases/:caseId/forms. */
export const caseFormRoutes = new Hono<AppEnv>();

async function tabWithErrors(c: Context<AppEnv>, kase: CaseDoc, errors: Record<string, string>, draft: { templateId?: string; contactId?: string }, intake: { intakeErrors?: Record<string, string>; intakeDraft?: IntakeDraft } = {}) {
  const user = c.get('user')!;
  const data = { ...caseStageHelpers, title: `Case ${kase.number}`, kase, tab: 'forms', displayName, caseRoles: CASE_ROLES, linked: [], tabUrl: (q: { tab?: string }) => caseTabUrl(kase._id, q as never) };
  return render(c, 'cases/page', { ...data, ...(await caseFormsTab(kase, { id: user.id, name: user.name }, { errors, draft, ...intake })) }, 422);
}

caseFormRoutes.post('/', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const body = await c.req.parseBody();
  const draft = { templateId: String(body.templateId ?? ''), contactId: String(body.contactId ?? '') };
  const sent = await sendFormToContact({ caseId: kase._id, ...draft, actor: c.get('user')! });
  if (!sent.ok) return tabWithErrors(c, kase, sent.errors, draft);
  const { services } = c.var;
  await startFormRequestWorkflow(services.temporal, { requestId: String(sent.request._id), sentAt: sent.request.createdAt, expiresAt: sent.request.expiresAt, remindAfterDays: config.FORM_REMINDER_DAYS, taskQueue: services.taskQueue, actorId: String(c.get('user')!.id) });
  // Share Link next: the contact gets the portal link the form is filled in (SMS or email).
  return c.redirect(`/contacts/${sent.request.contactId}/portal-links/share?caseId=${kase._id}&back=${encodeURIComponent(`/cases/${kase._id}?tab=forms`)}`, 303);
});

caseFormRoutes.post('/intake', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const body = await c.req.parseBody();
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 300) : '');
  const draft: IntakeDraft = { intakeTemplateId: str('intakeTemplateId'), name: str('name'), channel: str('channel'), to: str('to') };
  const { services } = c.var;
  const sent = await sendIntakeForm({ caseId: kase._id, input: { templateId: draft.intakeTemplateId!, name: draft.name, channel: draft.channel!, to: draft.to! }, actor: c.get('user')!, publicUrl: services.outbox.publicUrl });
  if (!sent.ok) return tabWithErrors(c, kase, {}, {}, { intakeErrors: sent.errors, intakeDraft: draft });
  const actorId = String(c.get('user')!.id);
  await startFormRequestWorkflow(services.temporal, { requestId: String(sent.request._id), sentAt: sent.request.createdAt, expiresAt: sent.request.expiresAt, remindAfterDays: [], taskQueue: services.taskQueue, actorId });
  await startMessageDelivery(services.temporal, { messageId: sent.messageId, taskQueue: services.taskQueue, actorId, channel: sent.request.intake!.channel, purpose: 'intake-form' });
  return c.redirect(`/cases/${kase._id}?tab=forms&saved=intake`, 303);
});

async function loadRequest(kase: CaseDoc, id: string): Promise<FormRequestDoc> {
  const r = Types.ObjectId.isValid(id) ? await findFormRequest(new Types.ObjectId(id)) : null;
  if (!r || !r.caseId.equals(kase._id)) throw new AppError('NOT_FOUND', 'There is no such form on this case.');
  return r;
}

async function reviewPage(c: Context<AppEnv>, kase: CaseDoc, request: FormRequestDoc, o: { error?: string; notice?: string } = {}, status = 200) {
  const [version, contact] = await Promise.all([findTemplateVersion(request.versionId), request.contactId ? findContact(request.contactId) : null]);
  const last = request.submissionIds.at(-1);
  const submission = last ? await findFormSubmission(last) : null;
  const fileIds = submission ? Object.values(submission.answers).flat().filter((v) => /^[0-9a-f]{24}$/.test(v)) : [];
  const files = await findDocumentsByIds(fileIds.map((id) => new Types.ObjectId(id)));
  const pdf = submission?.pdfDocumentId ? await findDocument(submission.pdfDocumentId) : null;
  const lines = submission && version ? formPdfLines(version.fields, submission.answers, new Map(files.map((d) => [String(d._id), d.name]))) : [];
  return render(c, 'forms/review', { title: `${request.name} · case ${kase.number}`, kase, request, version, contact, contactName: contact ? displayName(contact) : `${request.intake?.name || request.intake?.to || 'Someone new'} (not a contact yet)`, submission, lines, files, pdf, caseRoles: ROLES, ...o }, status);
}

caseFormRoutes.get('/:id', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  const done = c.req.query('done');
  const notices: Record<string, string> = { reviewed: 'Your choices are saved. Accepted changes are on the contact.', undone: 'Change undone: the contact has its earlier value again.', created: 'New contact created from the answers and linked to this case.', linked: 'Linked to the existing contact and to this case. Review below what the answers would change on them.' };
  return reviewPage(c, kase, request, { notice: done ? notices[done] : undefined });
});

caseFormRoutes.post('/:id/review', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  const body = await c.req.parseBody();
  const decisions: Partial<Record<ContactTarget, 'accept' | 'reject'>> = {};
  for (const t of CONTACT_TARGETS) if (body[`change.${t}`] === 'accept' || body[`change.${t}`] === 'reject') decisions[t] = body[`change.${t}`] as 'accept' | 'reject';
  const last = request.submissionIds.at(-1);
  if (!last) throw new AppError('BAD_REQUEST', 'This form has not been sent back yet.');
  const result = await reviewFormChanges({ submissionId: last, decisions, actor: c.get('user')! });
  if (!result.ok) return reviewPage(c, kase, request, { error: result.error }, 422);
  return c.redirect(`/cases/${kase._id}/forms/${request._id}?done=reviewed`, 303);
});

caseFormRoutes.post('/:id/undo/:target', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  const target = c.req.param('target') as ContactTarget;
  const last = request.submissionIds.at(-1);
  if (!last || !CONTACT_TARGETS.includes(target)) throw new AppError('NOT_FOUND', 'There is no such change.');
  const result = await undoFormChange({ submissionId: last, target, actor: c.get('user')! });
  if (!result.ok) return reviewPage(c, kase, request, { error: result.error }, 422);
  return c.redirect(`/cases/${kase._id}/forms/${request._id}?done=undone`, 303);
});

/** Who sent an intake form: one of the matches found, or a new contact. */
caseFormRoutes.post('/:id/intake', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  const body = await c.req.parseBody();
  const role = (ROLES as readonly string[]).includes(String(body.role)) ? (String(body.role) as (typeof ROLES)[number]) : 'client';
  const result = await resolveIntake({ requestId: request._id, choice: String(body.choice ?? ''), role, actor: c.get('user')!, storage: c.var.services.storage });
  if (!result.ok) return reviewPage(c, kase, request, { error: result.error }, 422);
  return c.redirect(`/cases/${kase._id}/forms/${request._id}?done=${result.how}`, 303);
});

caseFormRoutes.post('/:id/cancel', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  if (await markFormClosed(request._id, 'cancelled')) {
    await audit(c.get('user')!, 'form.cancel', { type: 'Case', id: kase._id }, { requestId: String(request._id) });
    await signalFormCancelled(c.var.services.temporal, String(request._id));
  }
  return c.redirect(`/cases/${kase._id}?tab=forms&saved=cancelled`, 303);
});
