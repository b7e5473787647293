// What a contact still has to look at or do on the portal: unread messages
// from staff on the link's cases, and their open tasks there. The link's
// reminder before expiry goes only when there is something.
import type { Types } from 'mongoose';
import { unreadByContact } from '../../db/portal/portal-threads';
import { clientTasksOnCases } from '../../db/tasks/tasks';

export type OpenPortalItems = { unreadMessages: number; byCase: Map<string, number>; openTasks: number };

/** `openTasks` given (Home has read the tasks already): they are not read again. */
export async function openPortalItems(contactId: Types.ObjectId, caseIds: Types.ObjectId[], o: { openTasks?: number } = {}): Promise<OpenPortalItems> {
  const byCase = new Map<string, number>();
  let unreadMessages = 0;
  const counts = await Promise.all(caseIds.map((caseId) => unreadByContact(caseId, contactId)));
  caseIds.forEach((caseId, i) => {
    byCase.set(String(caseId), counts[i]!);
    unreadMessages += counts[i]!;
  });
  const openTasks = o.openTasks ?? (await clientTasksOnCases(contactId, caseIds)).filter((t) => !t.doneAt).length;
  return { unreadMessages, byCase, openTasks };
}
