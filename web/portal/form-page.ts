import type { Context } from 'hono';
import { Types } from 'mongoose';
import { findDocumentsByIds } from '../../db/documents/documents';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormSubmission } from '../../db/forms/form-requests';
import type { DocumentDoc, FormRequestDoc } from '../../db/models/index';
import { config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { ADDRESS_KEYS, type FormAnswers } from '../../domain/forms/form-fields';
import type { PortalEnv } from './portal-env';
import { renderPortal } from './render-portal';

export type FormPageExtras = { answers?: FormAnswers; errors?: Record<string, string>; notice?: string; refused?: { name: string; reason: string }[] };

/**
 * A form's page on the portal, for a signed-in client (/portal/forms/<id>)
 * and for an intake link (/portal/intake/<token>, `intake` set: no portal
 * navigation, and once sent, no answers shown back). `base` is where its
 * posts go; `fileIsTheirs` says which stored files the page may name.
 */
export async function renderFormPage(c: Context<PortalEnv>, request: FormRequestDoc, o: FormPageExtras & { base: string; caseNumber?: string; fileIsTheirs: (d: DocumentDoc) => boolean; timeZone: string; intake?: boolean }, status = 200) {
  const version = await findTemplateVersion(request.versionId);
  if (!version) throw new AppError('NOT_FOUND', 'error.notFound');
  const submitted = request.status === 'submitted' && request.submissionIds.length ? await findFormSubmission(request.submissionIds.at(-1)!) : null;
  const answers = o.intake && submitted ? {} : submitted?.answers ?? o.answers ?? request.draft ?? {};
  const fileIds = version.fields.filter((f) => f.type === 'file').map((f) => String(answers[f.key] ?? '')).filter((id) => Types.ObjectId.isValid(id));
  const files = new Map((await findDocumentsByIds(fileIds.map((id) => new Types.ObjectId(id)))).filter(o.fileIsTheirs).map((d) => [String(d._id), d]));
  return renderPortal(c, 'portal/form', {
    title: 'form', request, fields: o.intake && submitted ? [] : version.fields, answers, errors: o.errors ?? {}, notice: o.notice, refused: o.refused ?? [], files, caseNumber: o.caseNumber, submitted, base: o.base, intake: Boolean(o.intake),
    signaturePad: version.fields.some((f) => f.type === 'signature') && request.status === 'open', ...(o.intake ? { nav: false, csrfToken: 'intake' } : {}),
    addressKeys: ADDRESS_KEYS, value: (key: string) => { const v = answers[key]; return Array.isArray(v) ? v : typeof v === 'string' ? v : ''; }, uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  }, status, o.timeZone);
}
