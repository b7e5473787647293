// Staff revoke or extend a portal link from the case page or the profile.
// The stored link changes first (every portal request checks it), then the
// caller tells the link's workflow (temporal/portal-link.ts), which ends its
// sessions or moves its timer.
import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findPortalLink, markPortalLinkRevoked, movePortalLinkExpiry } from '../../db/portal/portal-links';
import { endSessionsOfLink, moveSessionsExpiry } from '../../db/portal/portal-sessions';
import { PORTAL_LINK_LIFETIME_MS, PORTAL_LINK_MAX_EXTENSION_MS, type PortalLinkLifetime } from '../../domain/portal/portal-link-lifetimes';
import { portalLinkState } from '../../domain/portal/portal-link-state';

export type ChangeResult = { ok: true; expiresAt?: Date } | { ok: false; reason: string };

export async function revokePortalLink(o: { linkId: Types.ObjectId; actor: Actor; now?: Date }): Promise<ChangeResult> {
  const now = o.now ?? new Date();
  const link = await findPortalLink(o.linkId);
  if (!link) return { ok: false, reason: 'There is no such portal link.' };
  if (!(await markPortalLinkRevoked(link._id, o.actor, now))) return { ok: false, reason: 'This link was revoked already.' };
  // Sessions end here too, at once: the workflow does it again, but a revoked link must not wait for a worker.
  const ended = await endSessionsOfLink(link._id, now);
  await audit(o.actor, 'portal-link.revoke', { type: 'PortalLink', id: link._id }, { contactId: String(link.contactId), sessionsEnded: ended });
  return { ok: true };
}

/** Adds one lifetime (from now, or from the current expiry if later) to a live link, at most 30 days ahead. */
export async function extendPortalLink(o: { linkId: Types.ObjectId; by: PortalLinkLifetime; actor: Actor; now?: Date }): Promise<ChangeResult> {
  const now = o.now ?? new Date();
  const link = await findPortalLink(o.linkId);
  if (!link) return { ok: false, reason: 'There is no such portal link.' };
  const state = portalLinkState(link, now);
  if (state !== 'active') return { ok: false, reason: state === 'revoked' ? 'A revoked link cannot be extended. Share a new one.' : 'An expired link cannot be extended. Share a new one.' };
  const to = new Date(Math.min(link.expiresAt.getTime() + PORTAL_LINK_LIFETIME_MS[o.by], now.getTime() + PORTAL_LINK_MAX_EXTENSION_MS));
  if (to.getTime() <= link.expiresAt.getTime()) return { ok: false, reason: 'This link already works for the longest allowed (30 days from now).' };
  if (!(await movePortalLinkExpiry(link._id, link.expiresAt, to, o.actor.name, now))) return { ok: false, reason: 'The link changed meanwhile. Reload and try again.' };
  await moveSessionsExpiry(link._id, to);
  await audit(o.actor, 'portal-link.extend', { type: 'PortalLink', id: link._id }, { from: link.expiresAt.toISOString(), to: to.toISOString() });
  return { ok: true, expiresAt: to };
}
