// The case page's Tasks tab: the case's tasks (open ones by due date, then
// done ones with who did them), a form for a new task and one that applies
// a template, and Share Link for each contact who has client tasks open.
import type { Types } from 'mongoose';
import { listStaffUsers } from '../../db/admin/staff-users';
import { findContacts } from '../../db/contacts/contacts';
import { findDocumentsByIds } from '../../db/documents/documents';
import type { CaseDoc, DocumentDoc } from '../../db/models/index';
import { markCaseNoticesSeen } from '../../db/portal/portal-notices';
import { tasksOfCase } from '../../db/tasks/tasks';
import { config } from '../../config/config';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { addDays, daysOverdue, taskDueState, todayIn } from '../../domain/tasks/task-due';
import { TASK_TEMPLATES } from '../../domain/tasks/task-templates';

/** The banner after a change (the redirect names it: ?saved=done). */
export const TASK_SAVED_MESSAGES = { added: 'Task added.', template: 'Tasks added from the template.', done: 'Task marked done.', reopened: 'Task reopened.', moved: 'Due date moved.', ticked: 'Checklist updated.' } as const;

export type TaskDraft = { title?: string; description?: string; assignee?: string; dueOn?: string; checklist?: string; asksForFile?: boolean };
export type TemplateDraft = { templateKey?: string; clientId?: string; staffId?: string };

export async function caseTasksTab(kase: CaseDoc, staff: { id: Types.ObjectId; name: string }, o: { draft?: TaskDraft; errors?: Record<string, string>; templateDraft?: TemplateDraft; templateErrors?: Record<string, string> } = {}) {
  const now = new Date();
  const [tasks, staffUsers, contacts] = await Promise.all([tasksOfCase(kase._id), listStaffUsers(), findContacts(kase.contacts.map((l) => l.contactId))]);
  const clients = contacts.filter((c) => !c.mergedInto).map((c) => ({ id: String(c._id), name: displayName(c), role: kase.contacts.find((l) => l.contactId.equals(c._id))?.role ?? '' }));
  const documentIds = tasks.flatMap((t) => t.documentIds);
  const documents = new Map<string, DocumentDoc>((documentIds.length ? await findDocumentsByIds(documentIds) : []).map((d) => [String(d._id), d]));
  const open = tasks.filter((t) => !t.doneAt);
  await markCaseNoticesSeen(kase._id, 'task', staff.name, now);
  const openClientIds = new Set(open.filter((t) => t.assignee.kind === 'client').map((t) => String(t.assignee.id)));
  const today = todayIn(config.FIRM_TIMEZONE, now);
  return {
    tasks,
    open,
    done: tasks.filter((t) => t.doneAt),
    documents,
    staffChoices: staffUsers.filter((s) => !s.disabledAt).map((s) => ({ id: String(s._id), name: s.name })),
    clientChoices: clients,
    shareWith: clients.filter((c) => openClientIds.has(c.id)),
    templates: TASK_TEMPLATES,
    draft: { dueOn: addDays(today, 7), assignee: clients[0] ? `client:${clients[0].id}` : `staff:${staff.id}`, ...o.draft },
    errors: o.errors ?? {},
    templateDraft: { templateKey: TASK_TEMPLATES[0]!.key, clientId: clients[0]?.id, staffId: String(staff.id), ...o.templateDraft },
    templateErrors: o.templateErrors ?? {},
    dueState: (t: { dueAt?: Date | null; doneAt?: Date | null }) => taskDueState(t, now),
    daysOverdue: (d: Date) => daysOverdue(d, now),
  };
}
