import { Hono, type Context } from 'hono';
import { answersFromPost, saveDraftAnswers, submitForm } from '../../activities/forms/fill-form';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormRequest, saveFormDraft } from '../../db/forms/form-requests';
import type { FormRequestDoc } from '../../db/models/index';
import { config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { signalFormSubmitted } from '../../temporal/form-request';
import { csrfTokenMatches } from '../auth/middleware';
import { receiveDocumentUploads } from '../documents/receive-document-uploads';
import type { PortalEnv } from './portal-env';
import { portalForm } from './portal-forms';
import { renderFormPage, type FormPageExtras } from './form-page';
import { portalScope } from './portal-scope';

/**
 * A form on the portal: filled with save and resume (the page saves the
 * answers as they are typed; "Save and finish later" does it without
 * JavaScript), a file field's file sent on its own, then submitted once and
 * checked field by field. A submitted form shows what was sent.
 */
export const portalFormRoutes = new Hono<PortalEnv>();

async function formPage(c: Context<PortalEnv>, request: FormRequestDoc, o: FormPageExtras = {}, status = 200) {
  const scope = await portalScope(c.get('visitor')!);
  return renderFormPage(c, request, { ...o, base: `/portal/forms/${request._id}`, caseNumber: scope.cases.find((k) => k._id.equals(request.caseId))?.number, fileIsTheirs: (d) => Boolean(d.contactId?.equals(scope.contact._id)), timeZone: scope.contact.timezone || config.FIRM_TIMEZONE }, status);
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

