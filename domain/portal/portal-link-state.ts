// Whether a portal link still opens the portal: the one check every portal
// request makes (the link's workflow also marks it expired at its deadline,
// but a request never relies on that having happened).
export type PortalLinkLike = { expiresAt: Date; revokedAt?: Date | null; expiredAt?: Date | null };
export type PortalLinkState = 'active' | 'expired' | 'revoked';

export function portalLinkState(link: PortalLinkLike, now: Date): PortalLinkState {
  if (link.revokedAt) return 'revoked';
  if (link.expiredAt || link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
