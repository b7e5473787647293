// The email that tells the requester their bundle is ready, through the
// outbox: a link with a fresh 256-bit token, kept only as its hash, that
// works for the bundle's lifetime. The message's id is the bundle's, so a
// retried step queues one email (and the link it carries is the first one).
import { Types } from 'mongoose';
import { audit } from '../../db/audit';
import { findBundle, setBundleEmailMessage } from '../../db/bundles/bundles';
import { insertBundleLink, newLinkToken } from '../../db/bundles/bundle-links';
import { config } from '../../config/config';
import { displayFormat } from '../../domain/text/display-format';
import { queueStaffEmail } from '../outbox/queue-staff-email';

export async function emailBundleLink(o: { bundleId: Types.ObjectId; publicUrl: string; now: Date }): Promise<{ messageId?: string }> {
  const bundle = await findBundle(o.bundleId);
  if (!bundle || bundle.status !== 'ready' || !bundle.expiresAt) return {};
  if (bundle.emailMessageId) return { messageId: String(bundle.emailMessageId) };
  const token = newLinkToken();
  await insertBundleLink(token, bundle._id, bundle.expiresAt, o.now);
  const link = `${o.publicUrl.replace(/\/$/, '')}/bundles/link/${token}`;
  const files = bundle.totalFiles - bundle.missing;
  const queued = await queueStaffEmail({
    staffUserId: bundle.requestedBy.id,
    purpose: 'bundle-ready',
    subject: `Documents of ${bundle.scope.label} are ready to download`,
    messageId: bundle._id,
    vars: (staff) => {
      const fmt = displayFormat({ timeZone: staff.timezone || config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
      return {
        message: `The bundle of ${fmt.count(files, 'document')} of ${bundle.scope.label} (${fmt.size(bundle.size ?? 0)}) that you asked for is ready.${bundle.missing ? ` ${fmt.count(bundle.missing, 'file')} could not be read; the manifest in the zip lists them.` : ''}`,
        link,
        linkExpires: fmt.time(bundle.expiresAt!),
      };
    },
  }, o.now);
  if (!queued.ok) return {};
  await setBundleEmailMessage(bundle._id, new Types.ObjectId(queued.messageId));
  await audit(undefined, 'bundle.email', { type: 'Bundle', id: bundle._id }, { messageId: queued.messageId, to: String(bundle.requestedBy.id), expiresAt: bundle.expiresAt.toISOString() });
  return { messageId: queued.messageId };
}
