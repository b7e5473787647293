// The profile's Client portal card: Share Link, the contact's links and
// their life, and the contact's portal thread on each of their cases
// (staff read and answer here as on the case page).
import type { CaseDoc, ContactDoc } from '../../db/models/index';
import { portalLinksOfContact } from '../../db/portal/portal-links';
import { portalThread } from '../../db/portal/portal-threads';
import { PORTAL_MESSAGE_MAX_CHARS } from '../../activities/portal/portal-messages';
import { portalLinkRows, portalLinkViewHelpers } from './portal-link-view';

export async function contactPortalCard(contact: ContactDoc, cases: CaseDoc[]) {
  const rows = await portalLinkRows(await portalLinksOfContact(contact._id));
  const threads = await Promise.all(
    cases.map(async (kase) => ({ kase, thread: { contact, role: kase.contacts.find((l) => l.contactId.equals(contact._id))?.role ?? 'client', messages: (await portalThread(kase._id, contact._id)).messages } })),
  );
  return { portal: { rows, threads: threads.filter((t) => t.thread.messages.length), listUrl: `/contacts/${contact._id}/portal-links`, maxChars: PORTAL_MESSAGE_MAX_CHARS, ...portalLinkViewHelpers } };
}
