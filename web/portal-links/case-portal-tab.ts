// The case page's Portal tab: the links that open the case, and for each
// linked contact the case's portal thread (staff read and answer here) and
// Share Link. Opening the tab marks the contacts' messages on it read.
import type { Types } from 'mongoose';
import { findContacts } from '../../db/contacts/contacts';
import type { CaseDoc, ContactDoc } from '../../db/models/index';
import { markPortalNoticesSeen } from '../../db/portal/portal-notices';
import { portalLinksOfCase } from '../../db/portal/portal-links';
import { markThreadRead, portalThread, type ThreadMessage } from '../../db/portal/portal-threads';
import { CASE_STAGE_LABELS, CASE_STAGES } from '../../domain/cases/case-stages';
import { PORTAL_MESSAGE_MAX_CHARS } from '../../activities/portal/portal-messages';
import { portalLinkRows, portalLinkViewHelpers } from './portal-link-view';

export type PortalThreadView = { contact: ContactDoc; role: string; messages: ThreadMessage[] };

export async function casePortalTab(kase: CaseDoc, staff: { name: string }) {
  const contacts = new Map((await findContacts(kase.contacts.map((l) => l.contactId))).filter((c) => !c.mergedInto).map((c) => [String(c._id), c]));
  const threads: PortalThreadView[] = [];
  const now = new Date();
  for (const l of kase.contacts) {
    const contact = contacts.get(String(l.contactId));
    if (!contact) continue;
    const thread = await portalThread(kase._id, contact._id as Types.ObjectId);
    await markThreadRead(kase._id, contact._id as Types.ObjectId, thread, 'staff', now);
    const messages = thread.messages;
    await markPortalNoticesSeen({ contactId: contact._id as Types.ObjectId, caseId: kase._id, kind: 'message' }, staff.name, now);
    threads.push({ contact, role: l.role, messages });
  }
  return { threads, rows: await portalLinkRows(await portalLinksOfCase(kase._id)), listUrl: `/cases/${kase._id}/portal-links`, maxChars: PORTAL_MESSAGE_MAX_CHARS, ...portalLinkViewHelpers };
}

export const caseStageHelpers = { stages: CASE_STAGES, stageLabels: CASE_STAGE_LABELS };
