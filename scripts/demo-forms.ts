// The demo's forms, so they can be tried right after `npm start`: an intake
// questionnaire with every field type (a conditional question, a file, a
// drawn signature, answers that propose contact changes), sent to the demo
// portal client on their case, and an intake form emailed to someone new; it shows on their portal's "What we need
// from you" and on the case's Forms tab.
import type { Client } from '@temporalio/client';
import type { Types } from 'mongoose';
import { saveFormTemplate } from '../activities/forms/save-form-template';
import { sendFormToContact } from '../activities/forms/send-form';
import { sendIntakeForm } from '../activities/forms/send-intake-form';
import { startMessageDelivery } from '../temporal/deliver-message';
import { config } from '../config/config';
import type { DraftField } from '../domain/forms/check-form-template';
import { startFormRequestWorkflow } from '../temporal/form-request';

export const DEMO_FORM_FIELDS: DraftField[] = [
  { type: 'heading', label: 'About you' },
  { type: 'short-text', label: 'First name', required: true, mapsTo: 'firstName' },
  { type: 'short-text', label: 'Last name', required: true, mapsTo: 'lastName' },
  { type: 'date', label: 'Date of birth', mapsTo: 'dateOfBirth' },
  { type: 'phone', label: 'Mobile phone', help: 'The number we should text you at.', required: true, mapsTo: 'phone' },
  { type: 'email', label: 'Email', mapsTo: 'email' },
  { type: 'address', label: 'Home address', mapsTo: 'address' },
  { type: 'single-choice', label: 'How should we contact you?', options: 'Text message\nEmail\nPhone call', mapsTo: 'preferredChannel' },
  { type: 'heading', label: 'The accident' },
  { type: 'date', label: 'Date of the accident', required: true },
  { type: 'long-text', label: 'What happened?', help: 'In your own words; a few sentences are enough.', required: true },
  { type: 'yes-no', label: 'Were you injured?', required: true },
  { type: 'long-text', label: 'Describe your injuries', required: true, showIfKey: 'were_you_injured', showIfEquals: 'yes' },
  { type: 'multiple-choice', label: 'Where were you treated?', options: 'Emergency room\nFamily doctor\nPhysical therapy\nNowhere yet', showIfKey: 'were_you_injured', showIfEquals: 'yes' },
  { type: 'number', label: 'Medical bills so far (USD)', showIfKey: 'were_you_injured', showIfEquals: 'yes' },
  { type: 'file', label: 'Photo of the accident report', help: 'If the police gave you one.' },
  { type: 'heading', label: 'Signature' },
  { type: 'signature', label: 'Sign to confirm your answers are true', required: true },
];

export async function loadDemoForms(temporal: Client, actor: { id: Types.ObjectId; name: string }, target: { caseId: Types.ObjectId; contactId: Types.ObjectId }, publicUrl: string): Promise<string | undefined> {
  const saved = await saveFormTemplate({ name: 'Personal-injury questionnaire', intake: false, fields: DEMO_FORM_FIELDS, actor });
  if (!saved.ok) throw new Error(`demo form template refused: ${JSON.stringify(saved.errors)}`);
  const intake = await saveFormTemplate({ name: 'New client intake', intake: true, fields: DEMO_FORM_FIELDS.slice(0, 8).concat([{ type: 'long-text', label: 'How can we help?', required: true }]), actor });
  // An intake emailed to someone who is not a contact yet: its link is on the Outbox page.
  if (intake.ok) {
    const sentIntake = await sendIntakeForm({ caseId: target.caseId, input: { templateId: String(intake.version.templateId), name: 'Nina', channel: 'email', to: 'nina.newman@example.com' }, actor, publicUrl });
    if (sentIntake.ok) {
      await startFormRequestWorkflow(temporal, { requestId: String(sentIntake.request._id), sentAt: sentIntake.request.createdAt, expiresAt: sentIntake.request.expiresAt, remindAfterDays: [], taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id) });
      await startMessageDelivery(temporal, { messageId: sentIntake.messageId, taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id), channel: 'email', purpose: 'intake-form' });
    }
  }
  const sent = await sendFormToContact({ caseId: target.caseId, templateId: String(saved.version.templateId), contactId: String(target.contactId), actor });
  if (!sent.ok) return undefined;
  await startFormRequestWorkflow(temporal, { requestId: String(sent.request._id), sentAt: sent.request.createdAt, expiresAt: sent.request.expiresAt, remindAfterDays: config.FORM_REMINDER_DAYS, taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id) });
  return sent.request.name;
}
