import type { Context } from 'hono';
import { Types } from 'mongoose';
import { config } from '../../config/config';
import { casesOfContact } from '../../db/cases/cases';
import { attachmentsByNote, contactDocuments } from '../../db/documents/documents';
import { latestBundleRegion } from '../bundles/bundle-view';
import { messagesOfContact } from '../../db/messages/messages';
import { notesOfContact } from '../../db/notes/notes';
import { CASE_ROLES } from '../../domain/cases/case-fields';
import { contactLocalTime } from '../../domain/contacts/contact-local-time';
import { displayName } from '../../domain/contacts/contact-search-keys';
import type { AppEnv } from '../env';
import { mergesIntoContact } from '../merge/merge-history-view';
import { MESSAGES_PER_PAGE } from '../messages/routes';
import { composeView } from '../messages/compose-view';
import { messageHistoryHelpers } from '../messages/message-view';
import { render } from '../render';
import { contactPortalCard } from '../portal-links/contact-portal-card';
import type { loadContact } from './load-contact';

type ContactDoc = Awaited<ReturnType<typeof loadContact>>;

export const localTimeOf = (contact: ContactDoc) => contactLocalTime(contact.timezone ?? undefined, contact.preferences?.bestHours ?? undefined, new Date());

/**
 * The contact's profile page; `extra` carries what a failed form on it needs
 * (a note that could not be added re-renders here with its message and the
 * text typed, rather than on an error page).
 */
export async function renderProfile(c: Context<AppEnv>, contact: ContactDoc, extra: Record<string, unknown> = {}, status = 200) {
  const [cases, messages, notes, documents, merges, compose, bundleRegion] = await Promise.all([
    casesOfContact(contact._id, 100),
    messagesOfContact(contact._id, { limit: MESSAGES_PER_PAGE }),
    notesOfContact(contact._id, 100),
    contactDocuments(contact._id),
    mergesIntoContact(contact._id),
    composeView(contact),
    latestBundleRegion({ kind: 'contact', id: String(contact._id) }, c.get('user')!.id),
  ]);
  const attachments = await attachmentsByNote(notes);
  const portal = await contactPortalCard(contact, cases);
  return render(
    c,
    'contacts/profile/page',
    {
      title: displayName(contact),
      contact,
      cases,
      messages,
      notes: notes.map((n) => ({ ...n, attachments: attachments.get(String(n._id)) ?? [] })),
      documents,
      bundleRegion,
      caseRoles: CASE_ROLES,
      displayName,
      localTime: localTimeOf(contact),
      uploadMaxBytes: config.UPLOAD_MAX_BYTES,
      merges,
      // The new note's id, fixed when the form is shown: sending the form twice (a double click, a retry after a lost answer) adds it once.
      noteKey: new Types.ObjectId().toHexString(),
      ...portal,
      sharedNow: Boolean(c.req.query('shared')),
      ...compose,
      ...messageHistoryHelpers,
      ...extra,
    },
    status,
  );
}
