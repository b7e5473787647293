// What a contact still has to look at or do on the portal: unread messages
// from staff on the link's cases, and their open tasks there. The link's
// reminder before expiry goes only when there is something.
import type { Types } from 'mongoose';
import { unreadByContact } from '../../db/portal/portal-threads';
import { clientTasksOnCases } from '../../db/tasks/tasks';

export type OpenPortalItems = { unreadMessages: number; byCase: Map<string, number>; openTasks: number };

export async function openPortalItems(contactId: Types.ObjectId, caseIds: Types.ObjectId[]): Promise<OpenPortalItems> {
  const byCase = new Map<string, number>();
  let unreadMessages = 0;
  for (const caseId of caseIds) {
    const unread = await unreadByContact(caseId, contactId);
    byCase.set(String(caseId), unread);
    unreadMessages += unread;
  }
  const openTasks = (await clientTasksOnCases(contactId, caseIds)).filter((t) => !t.doneAt).length;
  return { unreadMessages, byCase, openTasks };
}
