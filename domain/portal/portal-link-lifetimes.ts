// How long a shared portal link works: the choices staff get on Share Link.
export const PORTAL_LINK_LIFETIMES = ['1h', '24h', '7d', '30d'] as const;
export type PortalLinkLifetime = (typeof PORTAL_LINK_LIFETIMES)[number];
export const DEFAULT_PORTAL_LINK_LIFETIME: PortalLinkLifetime = '7d';

export const PORTAL_LINK_LIFETIME_MS: Record<PortalLinkLifetime, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export const PORTAL_LINK_LIFETIME_LABELS: Record<PortalLinkLifetime, string> = { '1h': '1 hour', '24h': '24 hours', '7d': '7 days', '30d': '30 days' };

/** The longest a link can be extended to, counted from now: one more of the longest lifetime. */
export const PORTAL_LINK_MAX_EXTENSION_MS = PORTAL_LINK_LIFETIME_MS['30d'];
