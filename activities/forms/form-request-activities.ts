// FormRequestWorkflow's steps: remind the client of a form not yet sent
// (through the outbox, with a fresh token to their live portal link when
// they have one), settle the form at its end (expired, or submitted with a
// signal that never arrived), and render a submission's PDF.
import { ApplicationFailure } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import { countFormReminder, findFormRequest, markFormClosed } from '../../db/forms/form-requests';
import { liveLinkFor } from '../../db/portal/portal-links';
import { config } from '../../config/config';
import { channelAvailability } from '../../domain/outbox/channel-availability';
import { PORTAL_TOKEN_SLOT } from '../../domain/portal/portal-token-slot';
import { displayFormat } from '../../domain/text/display-format';
import type { ActivityDeps } from '../deps';
import { optedOutNumbersOf } from '../outbox/opted-out-numbers';
import { queueMessage } from '../outbox/queue-message';
import { portalUrl } from '../portal/share-portal-link';
import { renderFormSubmissionPdf } from './render-form-pdf';

export type FormReminder = { state: 'sent' | 'closed' | 'unreachable'; messageId?: string; channel?: 'email' | 'sms' };
export type SettledForm = { status: 'open' | 'submitted' | 'expired' | 'cancelled'; submissionId?: string };

const reminderId = (requestId: string, n: number) => new Types.ObjectId(createHash('sha256').update(`form-reminder:${requestId}:${n}`).digest('hex').slice(0, 24));

export async function remindFormRequest(requestId: Types.ObjectId, o: { n: number; now: Date; publicUrl: string }): Promise<FormReminder> {
  const request = await findFormRequest(requestId);
  if (!request || request.status !== 'open' || request.expiresAt <= o.now) return { state: 'closed' };
  // An intake form to someone who is not a contact yet is not reminded: they have no preferences or opt-outs on file.
  const contact = request.contactId ? await findContact(request.contactId) : null;
  if (!contact || contact.mergedInto) return { state: 'closed' };
  const availability = channelAvailability(contact, { optedOutNumbers: await optedOutNumbersOf(contact) });
  const channel = availability.preferred;
  if (!channel) return { state: 'unreachable' };
  const kase = await findCase(request.caseId);
  const fmt = displayFormat({ timeZone: contact.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
  const link = await liveLinkFor(contact._id, request.caseId, o.now);
  const started = Object.keys(request.draft ?? {}).length > 0;
  const queued = await queueMessage({
    contactId: contact._id,
    caseId: request.caseId,
    channel,
    to: availability[channel].recipients[0]!.value,
    subject: `Reminder: please fill in “${request.name}”`,
    body: `Please ${started ? 'finish' : 'fill in'} the form “${request.name}”${kase ? ` for case ${kase.number}` : ''} by ${fmt.date(request.expiresAt)}${started ? ': your answers so far are kept' : ''}. ${link ? (channel === 'sms' ? 'Open it on your portal:' : 'It is on your portal.') : 'Open the newest portal link we sent you, or ask us for a new one.'}`,
    purpose: 'form-reminder',
    messageId: reminderId(String(request._id), o.n),
    ...(link ? { link: portalUrl(o.publicUrl, PORTAL_TOKEN_SLOT), linkExpires: fmt.time(link.expiresAt), portalLinkId: link._id } : {}),
  }, o.now);
  if (!queued.ok) return { state: 'unreachable' };
  await countFormReminder(request._id);
  return { state: 'sent', messageId: queued.messageId, channel };
}

/** The form's state at its end: an open one past its expiry is closed as expired. */
export async function settleFormRequest(requestId: Types.ObjectId, now: Date): Promise<SettledForm> {
  const request = await findFormRequest(requestId);
  if (!request) return { status: 'cancelled' };
  if (request.status === 'open' && request.expiresAt <= now && (await markFormClosed(request._id, 'expired'))) {
    await audit(undefined, 'form.expire', { type: 'Case', id: request.caseId }, { requestId: String(request._id) });
    return { status: 'expired' };
  }
  const last = request.submissionIds.at(-1);
  return { status: request.status, submissionId: last ? String(last) : undefined };
}

const toId = (id: string) => {
  if (!Types.ObjectId.isValid(id)) throw ApplicationFailure.nonRetryable(`Bad id ${id}`, 'FormNotFound');
  return new Types.ObjectId(id);
};

export function createFormActivities(deps: ActivityDeps) {
  return {
    remindFormRequest: (requestId: string, n: number) => remindFormRequest(toId(requestId), { n, now: deps.clock(), publicUrl: deps.outbox.publicUrl }),
    settleFormRequest: (requestId: string) => settleFormRequest(toId(requestId), deps.clock()),
    renderFormSubmissionPdf: (submissionId: string) => renderFormSubmissionPdf(toId(submissionId), { storage: deps.storage }),
  };
}
