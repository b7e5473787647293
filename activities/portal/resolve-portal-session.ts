// The portal session a request carries, checked on every request: not
// ended, not idle too long, not past its link's expiry. The session row is
// enough, and is read fresh each time: revoking a link ends its sessions in
// the same request that revokes it, an extension moves their expiry with the
// link's, and the link's workflow ends them again at expiry; the expiry
// itself is compared here, so no request relies on the workflow.
import type { Types } from 'mongoose';
import type { PortalSessionDoc } from '../../db/models/index';
import { endPortalSession, findPortalSession, touchPortalSession } from '../../db/portal/portal-sessions';
import { hashSessionToken } from './open-portal-link';

export type PortalVisitor = { sessionId: string; linkId: Types.ObjectId; contactId: Types.ObjectId; caseIds: Types.ObjectId[]; csrfToken: string; expiresAt: Date; stepUpAt?: Date | null };

const TOUCH_EVERY_MS = 60_000;

export async function resolvePortalSession(cookieToken: string | undefined, o: { idleMs: number; now?: Date }): Promise<PortalVisitor | null> {
  if (!cookieToken || !/^[A-Za-z0-9_-]{43}$/.test(cookieToken)) return null;
  const now = o.now ?? new Date();
  const id = hashSessionToken(cookieToken);
  const session = await findPortalSession(id);
  if (!session || session.endedAt) return null;
  const idle = now.getTime() - session.lastSeenAt.getTime() > o.idleMs;
  if (idle || session.expiresAt.getTime() <= now.getTime()) {
    await endPortalSession(id, now);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchPortalSession(id, now);
  return visitorOf(session, session.expiresAt);
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
