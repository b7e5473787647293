// The portal session a request carries, checked on every request: not
// ended, not idle too long, not past its link's expiry, its link neither
// revoked nor expired (read fresh: the link's workflow is not the only guard).
import type { Types } from 'mongoose';
import type { PortalSessionDoc } from '../../db/models/index';
import { findPortalLink } from '../../db/portal/portal-links';
import { endPortalSession, findPortalSession, touchPortalSession } from '../../db/portal/portal-sessions';
import { portalLinkState } from '../../domain/portal/portal-link-state';
import { hashSessionToken } from './open-portal-link';

export type PortalVisitor = { sessionId: string; linkId: Types.ObjectId; contactId: Types.ObjectId; caseIds: Types.ObjectId[]; csrfToken: string; expiresAt: Date; stepUpAt?: Date | null };

const TOUCH_EVERY_MS = 60_000;

export async function resolvePortalSession(cookieToken: string | undefined, o: { idleMs: number; now?: Date }): Promise<PortalVisitor | null> {
  if (!cookieToken || !/^[A-Za-z0-9_-]{43}$/.test(cookieToken)) return null;
  const now = o.now ?? new Date();
  const id = hashSessionToken(cookieToken);
  const session = await findPortalSession(id);
  if (!session || session.endedAt) return null;
  const link = await findPortalLink(session.linkId);
  const idle = now.getTime() - session.lastSeenAt.getTime() > o.idleMs;
  if (!link || portalLinkState(link, now) !== 'active' || idle || session.expiresAt.getTime() <= now.getTime()) {
    await endPortalSession(id, now);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchPortalSession(id, now);
  return visitorOf(session, link.expiresAt);
}

const visitorOf = (s: PortalSessionDoc, linkExpiresAt: Date): PortalVisitor => ({
  sessionId: s._id,
  linkId: s.linkId,
  contactId: s.contactId,
  caseIds: s.caseIds,
  csrfToken: s.csrfToken,
  expiresAt: linkExpiresAt,
  stepUpAt: s.stepUpAt,
});
