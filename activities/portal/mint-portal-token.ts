import type { Types } from 'mongoose';
import { findPortalLink, insertPortalToken, newPortalToken } from '../../db/portal/portal-links';
import { portalLinkState } from '../../domain/portal/portal-link-state';

/**
 * A fresh token for a live portal link, its hash stored before the token
 * leaves this function (it goes only into the provider call); undefined
 * when the link no longer opens anything.
 */
export async function mintPortalToken(linkId: Types.ObjectId, now: Date): Promise<string | undefined> {
  const link = await findPortalLink(linkId);
  if (!link || portalLinkState(link, now) !== 'active') return undefined;
  const token = newPortalToken();
  await insertPortalToken(token, linkId, now);
  return token;
}
