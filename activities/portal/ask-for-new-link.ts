// "Ask <firm> to send me a new link" on the refused page: staff hear of it
// in Client activity, once per link. An unknown token does nothing, and the
// page says the same either way (no one learns which tokens exist).
import { findContact } from '../../db/contacts/contacts';
import { findPortalLinkByToken, markNewLinkAsked } from '../../db/portal/portal-links';
import { insertPortalNotice } from '../../db/portal/portal-notices';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { portalLinkState } from '../../domain/portal/portal-link-state';

export async function askForNewLink(token: string, now = new Date()): Promise<void> {
  const link = await findPortalLinkByToken(token);
  if (!link || portalLinkState(link, now) === 'active' || !(await markNewLinkAsked(link._id, now))) return;
  const contact = await findContact(link.contactId);
  await insertPortalNotice({ kind: 'new-link', contactId: link.contactId, caseId: link.caseIds[0], refId: link._id, summary: `${contact ? displayName(contact) : 'A client'} asked for a new portal link (theirs ${link.revokedAt ? 'was revoked' : 'expired'}).`, at: now });
}
