import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { deliverAsChild } from './deliver-as-child';
import { formCancelledSignal, formSubmittedSignal } from './messages/form-request';

const steps = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

export type FormRequestInput = { requestId: string; sentAt: string; expiresAt: string; remindAfterDays: number[] };
export type FormRequestResult = { status: 'submitted' | 'expired' | 'cancelled'; reminders: number; pdfDocumentId?: string };

/**
 * A form sent to a client (id `form-request-<id>`): reminders the given days
 * after it was sent, each a race with the submission (samples' "notify
 * unless done"); at submission, the PDF; at expiry, the form closes. The
 * stored form is read at the end too, so a submission whose signal was lost
 * still gets its PDF.
 */
export async function FormRequestWorkflow({ requestId, sentAt, expiresAt, remindAfterDays }: FormRequestInput): Promise<FormRequestResult> {
  let submissionId: string | undefined;
  let cancelled = false;
  setHandler(formSubmittedSignal, (id) => void (submissionId = id));
  setHandler(formCancelledSignal, () => void (cancelled = true));
  const sent = Date.parse(sentAt);
  const end = Date.parse(expiresAt);
  const ended = () => submissionId !== undefined || cancelled;
  let reminders = 0;
  for (const [n, days] of [...remindAfterDays].sort((a, b) => a - b).entries()) {
    const at = sent + days * 86_400_000;
    if (at >= end) break;
    if (await condition(ended, Math.max(1, at - Date.now()))) break;
    const r = await steps.remindFormRequest(requestId, n + 1);
    if (r.state === 'closed') break;
    if (r.state !== 'sent') continue;
    reminders++;
    await deliverAsChild(r.messageId!, 'form-reminder', r.channel);
  }
  if (!ended()) await condition(ended, Math.max(1, end - Date.now()));
  if (cancelled) return { status: 'cancelled', reminders };
  const settled = await steps.settleFormRequest(requestId);
  const id = submissionId ?? settled.submissionId;
  if (settled.status !== 'submitted' || !id) return { status: settled.status === 'expired' ? 'expired' : 'cancelled', reminders };
  const pdf = await steps.renderFormSubmissionPdf(id);
  return { status: 'submitted', reminders, pdfDocumentId: pdf.documentId };
}
