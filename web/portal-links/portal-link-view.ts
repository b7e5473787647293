// Staff's view of portal links: each link's life in words (sent, delivered,
// opened when and on what, expired or revoked), for the profile's Client
// portal card and the case's Portal tab.
import type { PortalLinkDoc } from '../../db/models/index';
import { findMessage } from '../../db/outbox/outbound-messages';
import { STATUS_LABELS, type MessageStatus } from '../../domain/outbox/message-status';
import { portalLinkState } from '../../domain/portal/portal-link-state';
import { PORTAL_LINK_LIFETIME_LABELS, PORTAL_LINK_LIFETIMES } from '../../domain/portal/portal-link-lifetimes';

export type PortalLinkRow = { link: PortalLinkDoc; state: 'active' | 'expired' | 'revoked'; delivery?: string };

export async function portalLinkRows(links: PortalLinkDoc[], now = new Date()): Promise<PortalLinkRow[]> {
  return Promise.all(
    links.map(async (link) => {
      const message = link.messageId ? await findMessage(link.messageId) : null;
      return { link, state: portalLinkState(link, now), delivery: message?.status ? STATUS_LABELS[message.status as MessageStatus] : undefined };
    }),
  );
}

export const portalLinkViewHelpers = { lifetimes: PORTAL_LINK_LIFETIMES, lifetimeLabels: PORTAL_LINK_LIFETIME_LABELS };
