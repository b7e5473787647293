import { Hono, type Context } from 'hono';
import { answersFromPost, saveDraftAnswers, submitForm } from '../../activities/forms/fill-form';
import { findDocumentsByIds } from '../../db/documents/documents';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormRequest, findFormSubmission, saveFormDraft } from '../../db/forms/form-requests';
import type { FormRequestDoc } from '../../db/models/index';
import { config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { ADDRESS_KEYS, type FormAnswers } from '../../domain/forms/form-fields';
import { signalFormSubmitted } from '../../temporal/form-request';
import { csrfTokenMatches } from '../auth/middleware';
import { receiveDocumentUploads } from '../documents/receive-document-uploads';
import type { PortalEnv } from './portal-env';
import { portalForm } from './portal-forms';
import { portalScope } from './portal-scope';
import { renderPortal } from './render-portal';
import { Types } from 'mongoose';

/**
 * A form on the portal: filled with save and resume (the page saves the
 * answers as they are typed; "Save and finish later" does it without
 * JavaScript), a file field's file sent on its own, then submitted once and
 * checked field by field. A submitted form shows what was sent.
 */
export const portalFormRoutes = new Hono<PortalEnv>();

async function formPage(c: Context<PortalEnv>, request: FormRequestDoc, o: { answers?: FormAnswers; errors?: Record<string, string>; notice?: string; refused?: { name: string; reason: string }[] } = {}, status = 200) {
  const scope = await portalScope(c.get('visitor')!);
  const version = await findTemplateVersion(request.versionId);
  if (!version) throw new AppError('NOT_FOUND', 'error.notFound');
  const submitted = request.status === 'submitted' && request.submissionIds.length ? await findFormSubmission(request.submissionIds.at(-1)!) : null;
  const answers = submitted?.answers ?? o.answers ?? request.draft ?? {};
  const fileIds = version.fields.filter((f) => f.type === 'file').map((f) => String(answers[f.key] ?? '')).filter((id) => Types.ObjectId.isValid(id));
  const files = new Map((await findDocumentsByIds(fileIds.map((id) => new Types.ObjectId(id)))).filter((d) => d.contactId?.equals(scope.contact._id)).map((d) => [String(d._id), d]));
  const kase = scope.cases.find((k) => k._id.equals(request.caseId));
  return renderPortal(c, 'portal/form', {
    title: 'form', request, fields: version.fields, answers, errors: o.errors ?? {}, notice: o.notice, refused: o.refused ?? [], files, kase, submitted, signaturePad: version.fields.some((f) => f.type === 'signature') && request.status === 'open',
    addressKeys: ADDRESS_KEYS, value: (key: string) => { const v = answers[key]; return Array.isArray(v) ? v : typeof v === 'string' ? v : ''; }, uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  }, status, scope.contact.timezone || config.FIRM_TIMEZONE);
}

async function load(c: Context<PortalEnv>) {
  const scope = await portalScope(c.get('visitor')!);
  return { scope, request: await portalForm(scope, c.req.param('id')!) };
}

portalFormRoutes.get('/:id', async (c) => {
  const { request } = await load(c);
  return formPage(c, request, { notice: c.req.query('saved') ? 'saved' : undefined });
});

/** The answers so far, kept: from the page's script as they are typed (answered in JSON), or from "Save and finish later". */
portalFormRoutes.post('/:id/draft', async (c) => {
  const { request } = await load(c);
  const answers = answersFromPost(await c.req.parseBody({ all: true }));
  const saved = await saveDraftAnswers(request, answers);
  if (c.req.header('Accept')?.includes('application/json')) return c.json({ saved: saved.ok, error: saved.error }, saved.ok ? 200 : 409);
  if (!saved.ok) return formPage(c, (await findFormRequest(request._id))!, { answers, notice: 'closed' }, 409);
  return c.redirect(`/portal/forms/${request._id}?saved=1`, 303);
});

portalFormRoutes.post('/:id', async (c) => {
  const { request } = await load(c);
  const answers = answersFromPost(await c.req.parseBody({ all: true }));
  const result = await submitForm({ request, answers });
  if (!result.ok) {
    const fresh = (await findFormRequest(request._id))!;
    return formPage(c, fresh, { answers: result.closed ? undefined : { ...answers, ...Object.fromEntries(Object.entries(fresh.draft).filter(([k]) => !(k in answers))) }, errors: result.closed ? {} : result.errors, notice: result.closed ? result.errors.form : undefined }, result.closed ? 409 : 422);
  }
  await signalFormSubmitted(c.get('services').temporal, String(request._id), String(result.submission._id));
  return c.redirect(`/portal/forms/${request._id}`, 303);
});

/** A file field's file: streamed and checked like every upload, stored in the contact's documents on the form's case, named in the draft. */
portalFormRoutes.post('/:id/files/:key', async (c) => {
  const visitor = c.get('visitor')!;
  const { scope, request } = await load(c);
  const version = await findTemplateVersion(request.versionId);
  const field = version?.fields.find((f) => f.key === c.req.param('key') && f.type === 'file');
  if (!field) throw new AppError('NOT_FOUND', 'error.notFound');
  if (request.status !== 'open') return formPage(c, request, { notice: 'closed' }, 409);
  const results = await receiveDocumentUploads(c.req.raw, {
    csrfToken: visitor.csrfToken,
    headerTokenChecked: csrfTokenMatches(visitor.csrfToken, c.req.header('X-CSRF-Token')),
    maxBytes: config.UPLOAD_MAX_BYTES,
    owner: { contactId: scope.contact._id, caseId: request.caseId },
    actor: { id: scope.contact._id, name: `${displayName(scope.contact)} (client)` },
    storage: c.get('services').storage,
    source: 'client',
  });
  const stored = results.find((r) => r.ok);
  const refused = results.flatMap((r) => (r.ok ? [] : [r]));
  if (stored?.ok) await saveFormDraft(request._id, { ...request.draft, [field.key]: String(stored.document._id) }, new Date());
  return formPage(c, (await findFormRequest(request._id))!, { refused, notice: stored ? 'fileSaved' : undefined }, stored ? 200 : 422);
});

