// Continue on a portal link's landing page: the token is exchanged for a
// portal session (a new random cookie token, only its hash stored) that
// carries the link's contact and cases. Every check of the token is here,
// in one place: known, live, and its contact still a contact.
import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth/sessions';
import { audit } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import type { PortalLinkDoc } from '../../db/models/index';
import { findPortalLink, findPortalLinkByToken, markPortalLinkUsed } from '../../db/portal/portal-links';
import { endPortalSession, insertPortalSession } from '../../db/portal/portal-sessions';
import { deviceLabel } from '../../domain/portal/device-label';
import { portalLinkState } from '../../domain/portal/portal-link-state';

// Hashed as staff session tokens are.
export const hashSessionToken = hashToken;

/** The link a token opens if it is live; null for every other case alike (unknown, expired, revoked), so none can be told apart. */
export async function liveLinkByToken(token: string, now: Date): Promise<PortalLinkDoc | null> {
  const link = await findPortalLinkByToken(token);
  if (!link || portalLinkState(link, now) !== 'active') return null;
  const contact = await findContact(link.contactId);
  if (!contact || contact.mergedInto) return null;
  return link;
}

export type OpenedPortal = { sessionToken: string; expiresAt: Date; link: PortalLinkDoc };

export async function openPortalLink(o: { token: string; userAgent?: string; idleMs: number; now?: Date }): Promise<OpenedPortal | null> {
  const now = o.now ?? new Date();
  const link = await liveLinkByToken(o.token, now);
  if (!link) return null;
  const sessionToken = randomBytes(32).toString('base64url');
  const device = deviceLabel(o.userAgent);
  await insertPortalSession({
    _id: hashSessionToken(sessionToken),
    linkId: link._id,
    contactId: link.contactId,
    caseIds: link.caseIds,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: link.expiresAt,
    device,
  });
  // Revoked while this session was being made: the revoke ended the sessions it saw, so this one is ended here.
  const still = await findPortalLink(link._id);
  if (!still || portalLinkState(still, now) !== 'active') {
    await endPortalSession(hashSessionToken(sessionToken), now);
    return null;
  }
  await markPortalLinkUsed(link._id, now, device);
  await audit({ id: link.contactId, name: 'client (portal)' }, 'portal-link.open', { type: 'PortalLink', id: link._id }, { device });
  return { sessionToken, expiresAt: link.expiresAt, link };
}
