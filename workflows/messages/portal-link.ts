// PortalLinkWorkflow's messages, for the web process: staff revoke a link or
// move its expiry (the stored link changes first; these move the timer), and
// ops can ask how long it has left.
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const revokePortalLinkSignal = defineSignal('revokePortalLink');
/** The new expiry, as an ISO time; an earlier one than the current deadline is ignored. */
export const extendPortalLinkSignal = defineSignal<[string]>('extendPortalLink');
export const portalLinkTimeLeftQuery = defineQuery<{ msLeft: number; revoked: boolean }>('timeLeft');
export const portalLinkWorkflowId = (linkId: string) => `portal-link-${linkId}`;
