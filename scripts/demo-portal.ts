// The demo's client portal, so every portal feature can be tried right after
// `npm start`: a demo client with a case at the Discovery stage, an
// appointment in three days, tasks (one overdue), a form to fill in, a document shared with them, a message from
// them waiting in Client activity, and a portal link emailed (or texted) to
// them: the message, with the link, is on the Outbox page.
import type { Client } from '@temporalio/client';
import { Types } from 'mongoose';
import { createAppointment } from '../activities/appointments/schedule-appointment';
import { createTask, createTasksFromTemplate } from '../activities/tasks/create-tasks';
import { shareDocumentWithClient } from '../activities/documents/share-document';
import { postClientMessage } from '../activities/portal/portal-messages';
import { sharePortalLink } from '../activities/portal/share-portal-link';
import { casesOfContact, moveCaseStage } from '../db/cases/cases';
import { findContact } from '../db/contacts/contacts';
import { contactDocuments } from '../db/documents/documents';
import { config } from '../config/config';
import { demoId } from '../domain/demo-data/demo-ids';
import { startAppointmentReminder } from '../temporal/appointment-reminder';
import { startMessageDelivery } from '../temporal/deliver-message';
import { startPortalLinkWorkflow } from '../temporal/portal-link';
import { startTaskReminders } from '../temporal/task-reminder';
import { loadDemoForms } from './demo-forms';
import { addDays, todayIn } from '../domain/tasks/task-due';
import type { TaskDoc } from '../db/models/index';

export async function loadDemoPortal(temporal: Client, author: { _id: unknown; name: string }, publicUrl: string): Promise<string | undefined> {
  const actor = { id: author._id as Types.ObjectId, name: author.name };
  // The first demo contact who is on a case and can be reached, among those with documents (every 20th) first.
  const order = [...Array.from({ length: 10 }, (_, i) => i * 20), ...Array.from({ length: 200 }, (_, i) => i)];
  for (const n of order) {
    const contact = await findContact(new Types.ObjectId(demoId('contact', 1, n)));
    if (!contact || contact.mergedInto || contact.preferences?.doNotContact?.sms) continue;
    const kase = (await casesOfContact(contact._id, 10)).find((k) => k.status !== 'closed');
    // By email when the client has one: texts wait for the client's daytime (quiet hours), an email is on the Outbox page at once.
    const email = contact.preferences?.doNotContact?.email ? undefined : contact.emails?.[0]?.address.toLowerCase();
    const phone = contact.phones?.find((p) => p.e164 && p.type !== 'fax')?.e164 ?? undefined;
    const channel = email ? 'email' : 'sms';
    if (!kase || !(email || phone)) continue;
    const now = Date.now();
    for (const [stage, daysAgo] of [['intake', 40], ['investigation', 25], ['discovery', 6]] as const) await moveCaseStage(kase._id, stage, author.name, new Date(now - daysAgo * 86_400_000));
    const day = new Date(now + 3 * 86_400_000).toISOString().slice(0, 10);
    const made = await createAppointment({ caseId: kase._id, input: { title: 'Meeting to prepare your deposition', date: day, start: '10:00', end: '11:00', timezone: config.FIRM_TIMEZONE, place: '100 Main Street, Suite 400', contactIds: [String(contact._id)] }, actor });
    if (made.ok) await startAppointmentReminder(temporal, { appointmentId: String(made.appointment._id), startsAt: made.appointment.startsAt, taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id) });
    // Tasks: a template's first steps (the client's are on their portal's "What we need from you"), and one overdue, on the Overdue list and reminded.
    const fromTemplate = await createTasksFromTemplate({ caseId: kase._id, templateKey: 'personal-injury-intake', clientId: String(contact._id), staffId: String(actor.id), actor });
    const overdue = await createTask({ caseId: kase._id, input: { title: 'Send the police report', description: 'A photo of the report the officer gave you is fine.', assignee: `client:${contact._id}`, dueOn: addDays(todayIn(config.FIRM_TIMEZONE, new Date()), -3), asksForFile: true }, actor, now: new Date(now - 10 * 86_400_000) });
    const tasks: TaskDoc[] = [...(fromTemplate.ok ? fromTemplate.tasks : []), ...(overdue.ok ? overdue.tasks : [])];
    for (const t of tasks) if (t.assignee.kind === 'client') await startTaskReminders(temporal, { taskId: String(t._id), dueAt: t.dueAt, taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id) });
    await loadDemoForms(temporal, actor, { caseId: kase._id, contactId: contact._id }, publicUrl);
    const doc = (await contactDocuments(contact._id, 5))[0];
    if (doc) await shareDocumentWithClient({ document: doc, shared: true, actor });
    const shared = await sharePortalLink({ contactId: contact._id, caseIds: [kase._id], channel, to: (email ?? phone)!, lifetime: '7d', actor, publicUrl });
    if (!shared.ok) continue;
    await startPortalLinkWorkflow(temporal, { linkId: shared.linkId, createdAt: new Date(), expiresAt: shared.expiresAt, taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id), channel });
    await startMessageDelivery(temporal, { messageId: shared.messageId, taskQueue: config.TEMPORAL_TASK_QUEUE, actorId: String(actor.id), channel, purpose: 'portal-link' });
    await postClientMessage({ contactId: contact._id, caseId: kase._id, scope: [kase._id], body: 'Hello, I found the lease you asked about. Should I send a photo of it here?' });
    return `${contact.firstName} ${contact.lastName} (case ${kase.number}) by ${channel === 'sms' ? 'text' : 'email'}`;
  }
  return undefined;
}
