import { Hono, type Context } from 'hono';
import { answersFromPost, saveDraftAnswers, submitForm } from '../../activities/forms/fill-form';
import { takePortalTokenAttempt } from '../../activities/portal/portal-token-throttle';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormRequest, saveFormDraft } from '../../db/forms/form-requests';
import { intakeRequestIdByToken } from '../../db/forms/intake-tokens';
import type { FormRequestDoc } from '../../db/models/index';
import { config, emailRules } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { receiveDocumentUploads } from '../documents/receive-document-uploads';
import { requestAddress } from '../auth/client-address';
import type { PortalEnv } from './portal-env';
import { renderFormPage, type FormPageExtras } from './form-page';
import { renderPortal } from './render-portal';
import { signalFormSubmitted } from '../../temporal/form-request';
import { logger } from '../../logging/logger';
import { loggablePath } from '../errors/loggable-path';

/**
 * An intake form opened from its link by someone who is not a contact yet
 * (/portal/intake/<token>). The token in the address is the only key: it
 * opens this one form and nothing else on the portal, until the form is
 * sent or closes. Looking at the page changes nothing (a mail scanner's
 * fetch spends nothing); posts must come from this site. Once sent, the page
 * says so and shows no answers back.
 */
export const portalIntakeRoutes = new Hono<PortalEnv>();

class TooManyMisses extends Error {}

/** The form a token opens. A token that opens nothing counts against the address (the portal's token throttle); a good one does not, so saving as one types is never throttled. */
async function requestOf(c: Context<PortalEnv>): Promise<{ request: FormRequestDoc; token: string }> {
  const token = c.req.param('token') ?? '';
  const id = await intakeRequestIdByToken(token);
  const request = id ? await findFormRequest(id) : null;
  if (!request || !request.intake) {
    const attempt = await takePortalTokenAttempt(requestAddress(c));
    if (!attempt.allowed) {
      c.header('Retry-After', String(attempt.retryAfterSeconds));
      throw new TooManyMisses();
    }
    throw new AppError('NOT_FOUND', 'error.notFound');
  }
  return { request, token };
}

portalIntakeRoutes.onError((err, c) => {
  if (err instanceof TooManyMisses) return renderPortal(c, 'portal/refused', { title: 'refused', tooMany: true }, 429);
  if (err instanceof AppError) return renderPortal(c, 'portal/error', { title: 'error', message: err.message.startsWith('error.') ? err.message : undefined, plain: err.message.startsWith('error.') ? undefined : err.message }, err.code === 'NOT_FOUND' ? 404 : err.code === 'FORBIDDEN' ? 403 : 400);
  logger.error({ err, path: loggablePath(c.req.path) }, 'intake request failed');
  return renderPortal(c, 'portal/error', { title: 'error' }, 500);
});

/** Posts from another site are refused: the token is the proof, but a named foreign Origin never is one. */
function fromAnotherSite(c: Context<PortalEnv>): boolean {
  const origin = c.req.header('Origin');
  const own = config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : new URL(c.req.url).origin;
  return Boolean(origin && origin !== 'null' && origin !== own) || c.req.header('Sec-Fetch-Site') === 'cross-site';
}
const refuseForm = (c: Context<PortalEnv>) => renderPortal(c, 'portal/error', { title: 'error', message: 'error.form' }, 403);

function page(c: Context<PortalEnv>, request: FormRequestDoc, token: string, o: FormPageExtras = {}, status = 200) {
  if (request.status === 'open' && request.expiresAt <= new Date()) request = { ...request, status: 'expired' };
  return renderFormPage(c, request, { ...o, base: `/portal/intake/${token}`, intake: true, fileIsTheirs: (d) => !d.contactId && Boolean(d.caseId?.equals(request.caseId)), timeZone: config.FIRM_TIMEZONE }, status);
}

portalIntakeRoutes.get('/:token', async (c) => {
  const { request, token } = await requestOf(c);
  return page(c, request, token, { notice: c.req.query('saved') ? 'saved' : undefined });
});

portalIntakeRoutes.post('/:token/draft', async (c) => {
  if (fromAnotherSite(c)) return refuseForm(c);
  const { request, token } = await requestOf(c);
  const answers = answersFromPost(await c.req.parseBody({ all: true }));
  const saved = await saveDraftAnswers(request, answers);
  if (c.req.header('Accept')?.includes('application/json')) return c.json({ saved: saved.ok, error: saved.error }, saved.ok ? 200 : 409);
  if (!saved.ok) return page(c, request, token, { answers, notice: 'closed' }, 409);
  return c.redirect(`/portal/intake/${token}?saved=1`, 303);
});

portalIntakeRoutes.post('/:token', async (c) => {
  if (fromAnotherSite(c)) return refuseForm(c);
  const { request, token } = await requestOf(c);
  const answers = answersFromPost(await c.req.parseBody({ all: true }));
  const result = await submitForm({ request, answers, matchSearch: { region: config.DEFAULT_PHONE_REGION, emailRules, index: c.get('services').contactIndex } });
  if (!result.ok) {
    const fresh = (await findFormRequest(request._id))!;
    return page(c, fresh, token, { answers: result.closed ? undefined : { ...answers, ...Object.fromEntries(Object.entries(fresh.draft).filter(([k]) => !(k in answers))) }, errors: result.closed ? {} : result.errors, notice: result.closed ? result.errors.form : undefined }, result.closed ? 409 : 422);
  }
  await signalFormSubmitted(c.get('services').temporal, String(request._id), String(result.submission._id));
  return c.redirect(`/portal/intake/${token}`, 303);
});

portalIntakeRoutes.post('/:token/files/:key', async (c) => {
  if (fromAnotherSite(c)) return refuseForm(c);
  const { request, token } = await requestOf(c);
  const version = await findTemplateVersion(request.versionId);
  const field = version?.fields.find((f) => f.key === c.req.param('key') && f.type === 'file');
  if (!field) throw new AppError('NOT_FOUND', 'error.notFound');
  if (request.status !== 'open') return page(c, request, token, { notice: 'closed' }, 409);
  const results = await receiveDocumentUploads(c.req.raw, {
    csrfToken: 'intake',
    headerTokenChecked: true, // the token in the address is the proof
    maxBytes: config.UPLOAD_MAX_BYTES,
    // Not a contact yet: the file is the case's, until staff link or create the contact.
    owner: { caseId: request.caseId },
    actor: { id: request._id, name: `${request.intake?.name || 'Someone new'} (intake)` },
    storage: c.get('services').storage,
    source: 'client',
  });
  const stored = results.find((r) => r.ok);
  const refused = results.flatMap((r) => (r.ok ? [] : [r]));
  if (stored?.ok) await saveFormDraft(request._id, { ...request.draft, [field.key]: String(stored.document._id) }, new Date());
  return page(c, (await findFormRequest(request._id))!, token, { refused, notice: stored ? 'fileSaved' : undefined }, stored ? 200 : 422);
});
