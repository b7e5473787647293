import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index';
import { deliverAsChild } from './deliver-as-child';
import { extendPortalLinkSignal, portalLinkTimeLeftQuery, revokePortalLinkSignal } from './messages/portal-link';
import { reminderBeforeExpiry } from './portal-link-timing';

const steps = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '1 minute' } });

export type PortalLinkInput = { linkId: string; createdAt: string; expiresAt: string };
export type PortalLinkResult = { status: 'expired' | 'revoked' };

/**
 * A portal link's life (id `portal-link-<id>`): a durable timer to its
 * expiry that staff can move (extend) or cut short (revoke), like the
 * samples' UpdatableTimer; a reminder before expiry when the contact still
 * has something to look at; at the end the link is marked expired and its
 * sessions end. Every portal request checks the stored link as well: this
 * timer cleans up, it is not the only guard. No personal data in history.
 */
export async function PortalLinkWorkflow({ linkId, createdAt, expiresAt }: PortalLinkInput): Promise<PortalLinkResult> {
  let deadline = Date.parse(expiresAt);
  let revoked = false;
  setHandler(revokePortalLinkSignal, () => void (revoked = true));
  setHandler(extendPortalLinkSignal, (iso) => {
    const to = Date.parse(iso);
    if (to > deadline) deadline = to;
  });
  setHandler(portalLinkTimeLeftQuery, () => ({ msLeft: Math.max(0, deadline - Date.now()), revoked }));

  let reminded = false;
  for (;;) {
    const remindAt = reminded ? undefined : reminderBeforeExpiry(Date.parse(createdAt), deadline);
    if (remindAt !== undefined && remindAt <= Date.now()) reminded = true; // too late to remind: the link ends soon anyway
    const wakeAt = !reminded && remindAt !== undefined ? remindAt : deadline;
    const seen = deadline;
    const interrupted = await condition(() => revoked || deadline !== seen, Math.max(1, wakeAt - Date.now()));
    if (revoked) break;
    if (interrupted) continue; // extended: sleep to the new deadline (and a reminder before it)
    if (wakeAt !== deadline) {
      reminded = true;
      const reminder = await steps.remindBeforePortalExpiry(linkId);
      if (reminder.messageId) await deliver(reminder.messageId, reminder.channel ?? 'sms');
      continue;
    }
    // The deadline: the stored link decides (an extension whose signal was lost moved it there).
    const settled = await steps.settlePortalLink(linkId);
    if (settled.state === 'active') {
      deadline = Math.max(deadline + 1, Date.parse(settled.expiresAt));
      continue;
    }
    return { status: settled.state };
  }
  await steps.settlePortalLink(linkId);
  return { status: 'revoked' };
}

async function deliver(messageId: string, channel: 'email' | 'sms'): Promise<void> {
  await deliverAsChild(messageId, 'portal-reminder', channel);
}
