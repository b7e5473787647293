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
import { caseFormsTab } from './case-forms-tab';

/** Forms on a case: send one (then Share Link), review what came back, accept or reject each contact change, undo, withdraw. Mounted under /cases/:caseId/forms. */
export const caseFormRoutes = new Hono<AppEnv>();

async function tabWithErrors(c: Context<AppEnv>, kase: CaseDoc, errors: Record<string, string>, draft: { templateId?: string; contactId?: string }) {
  const user = c.get('user')!;
  const data = { ...caseStageHelpers, title: `Case ${kase.number}`, kase, tab: 'forms', displayName, caseRoles: CASE_ROLES, linked: [], tabUrl: (q: { tab?: string }) => caseTabUrl(kase._id, q as never) };
  return render(c, 'cases/page', { ...data, ...(await caseFormsTab(kase, { id: user.id, name: user.name }, { errors, draft })) }, 422);
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

async function loadRequest(kase: CaseDoc, id: string): Promise<FormRequestDoc> {
  const r = Types.ObjectId.isValid(id) ? await findFormRequest(new Types.ObjectId(id)) : null;
  if (!r || !r.caseId.equals(kase._id)) throw new AppError('NOT_FOUND', 'There is no such form on this case.');
  return r;
}

async function reviewPage(c: Context<AppEnv>, kase: CaseDoc, request: FormRequestDoc, o: { error?: string; notice?: string } = {}, status = 200) {
  const [version, contact] = await Promise.all([findTemplateVersion(request.versionId), findContact(request.contactId)]);
  const last = request.submissionIds.at(-1);
  const submission = last ? await findFormSubmission(last) : null;
  const fileIds = submission ? Object.values(submission.answers).flat().filter((v) => /^[0-9a-f]{24}$/.test(v)) : [];
  const files = await findDocumentsByIds(fileIds.map((id) => new Types.ObjectId(id)));
  const pdf = submission?.pdfDocumentId ? await findDocument(submission.pdfDocumentId) : null;
  const lines = submission && version ? formPdfLines(version.fields, submission.answers, new Map(files.map((d) => [String(d._id), d.name]))) : [];
  return render(c, 'forms/review', { title: `${request.name} · case ${kase.number}`, kase, request, version, contact, contactName: contact ? displayName(contact) : 'a contact', submission, lines, files, pdf, ...o }, status);
}

caseFormRoutes.get('/:id', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  const done = c.req.query('done');
  return reviewPage(c, kase, request, { notice: done === 'reviewed' ? 'Your choices are saved. Accepted changes are on the contact.' : done === 'undone' ? 'Change undone: the contact has its earlier value again.' : undefined });
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

caseFormRoutes.post('/:id/cancel', async (c) => {
  const kase = await loadCase(c.req.param('caseId')!);
  const request = await loadRequest(kase, c.req.param('id'));
  if (await markFormClosed(request._id, 'cancelled')) {
    await audit(c.get('user')!, 'form.cancel', { type: 'Case', id: kase._id }, { requestId: String(request._id) });
    await signalFormCancelled(c.var.services.temporal, String(request._id));
  }
  return c.redirect(`/cases/${kase._id}?tab=forms&saved=cancelled`, 303);
});
