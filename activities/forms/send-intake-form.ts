// An intake form sent to someone who is not a contact yet, to an email
// address or a phone number typed by staff: a request with no contact, and
// a message whose link carries a token minted when it is sent (only its
// hash is stored, as for portal links). The caller starts the request's
// FormRequestWorkflow and the message's delivery.
import { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findCase } from '../../db/cases/cases';
import { findFormTemplate, versionIdOf } from '../../db/forms/form-templates';
import { insertFormRequest } from '../../db/forms/form-requests';
import type { FormRequestDoc } from '../../db/models/index';
import { insertOutboundMessage } from '../../db/outbox/outbound-messages';
import { findSmsNumber } from '../../db/outbox/sms-numbers';
import { config } from '../../config/config';
import { normalizeEmail } from '../../domain/contacts/normalize-email';
import { normalizePhone } from '../../domain/contacts/normalize-phone';
import { PORTAL_TOKEN_SLOT } from '../../domain/portal/portal-token-slot';
import { displayFormat } from '../../domain/text/display-format';
import { renderEmail, renderSms } from '../outbox/render-message';

export type SendIntakeInput = { templateId: string; name?: string; channel: string; to: string };
export type SendIntakeResult = { ok: true; request: FormRequestDoc; messageId: string } | { ok: false; errors: Record<string, string> };

export const intakeUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/portal/intake/${token}`;

export async function sendIntakeForm(o: { caseId: Types.ObjectId; input: SendIntakeInput; actor: Actor; publicUrl: string; now?: Date }): Promise<SendIntakeResult> {
  const kase = await findCase(o.caseId);
  if (!kase) return { ok: false, errors: { form: 'There is no such case.' } };
  const errors: Record<string, string> = {};
  const template = Types.ObjectId.isValid(o.input.templateId) ? await findFormTemplate(new Types.ObjectId(o.input.templateId)) : null;
  if (!template || template.archivedAt || !template.intake) errors.intakeTemplateId = 'Choose an intake form (a template marked intake in Admin → Form templates).';
  const name = (o.input.name ?? '').trim().slice(0, 120);
  const channel = o.input.channel === 'sms' ? 'sms' : o.input.channel === 'email' ? 'email' : undefined;
  let to = o.input.to.trim();
  if (!channel) errors.intakeChannel = 'Choose email or text message.';
  else if (channel === 'email') {
    if (!normalizeEmail(to).ok) errors.intakeTo = 'Enter an email address, such as name@example.com.';
    to = to.toLowerCase();
  } else {
    const n = normalizePhone(to, config.DEFAULT_PHONE_REGION);
    if (!n.ok) errors.intakeTo = 'Enter a mobile number with its area code.';
    else {
      to = n.e164;
      if ((await findSmsNumber(to))?.optedOut) errors.intakeTo = 'This number replied STOP: it has opted out of texts. Send the form by email.';
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const now = o.now ?? new Date();
  const request: FormRequestDoc = {
    _id: new Types.ObjectId(), templateId: template!._id, versionId: versionIdOf(template!._id, template!.currentVersion), name: template!.name, caseId: kase._id,
    intake: { name: name || undefined, channel: channel!, to }, status: 'open', draft: {}, submissionIds: [], sentBy: { id: o.actor.id, name: o.actor.name }, createdAt: now,
    expiresAt: new Date(now.getTime() + config.FORM_LIFETIME_DAYS * 86_400_000), remindersSent: 0,
  };
  await insertFormRequest(request);
  const fmt = displayFormat({ timeZone: config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
  const greeting = name ? `Hello ${name}, ` : '';
  const message = `${greeting}${config.FIRM_NAME} asks you to fill in “${template!.name}”. It takes a few minutes, on your phone or a computer, and your answers are kept as you type.`;
  const vars = { firmName: config.FIRM_NAME, replyTo: config.EMAIL_REPLY_TO, message, subject: `${config.FIRM_NAME}: ${template!.name}`, link: intakeUrl(o.publicUrl, PORTAL_TOKEN_SLOT), linkExpires: fmt.time(request.expiresAt) };
  const rendered = channel === 'email' ? { subject: vars.subject, ...renderEmail('intake-form', vars) } : { text: renderSms('intake-form', { ...vars, firstText: !(await findSmsNumber(to)) }) };
  const messageId = await insertOutboundMessage({ intakeRequestId: request._id, caseId: kase._id, channel: channel!, purpose: 'intake-form', to, causedBy: { id: o.actor.id, name: o.actor.name }, at: now, ...rendered });
  await audit(o.actor, 'form.send-intake', { type: 'Case', id: kase._id }, { requestId: String(request._id), channel, messageId: String(messageId) });
  return { ok: true, request, messageId: String(messageId) };
}
