// What a contact still has to look at or do on the portal: unread messages
// from staff on the link's cases (the tasks-and-forms work adds open tasks
// and forms here). The link's reminder before expiry goes only when there is something.
import type { Types } from 'mongoose';
import { unreadByContact } from '../../db/portal/portal-threads';

export type OpenPortalItems = { unreadMessages: number; byCase: Map<string, number> };

export async function openPortalItems(contactId: Types.ObjectId, caseIds: Types.ObjectId[]): Promise<OpenPortalItems> {
  const byCase = new Map<string, number>();
  let unreadMessages = 0;
  for (const caseId of caseIds) {
    const unread = await unreadByContact(caseId, contactId);
    byCase.set(String(caseId), unread);
    unreadMessages += unread;
  }
  return { unreadMessages, byCase };
}
