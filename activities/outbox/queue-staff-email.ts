// The outbox's emails to staff (a Download All link): the same delivery,
// status and audit as a contact's messages, to the staff member's own
// address, outside any contact's history. The caller then starts
// DeliverMessageWorkflow (temporal/deliver-message.ts).
import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findStaffUser } from '../../db/admin/staff-users';
import type { StaffUserDoc } from '../../db/models/index';
import { insertOutboundMessage } from '../../db/outbox/outbound-messages';
import { config } from '../../config/config';
import type { MessagePurpose } from '../../domain/outbox/message-purposes';
import { renderEmail, type MessageVars } from './render-message';

export type QueueStaffEmailResult = { ok: true; messageId: string } | { ok: false; reason: string };

export async function queueStaffEmail(o: { staffUserId: Types.ObjectId; purpose: MessagePurpose; subject: string; vars: (staff: StaffUserDoc) => Omit<MessageVars, 'firmName' | 'replyTo' | 'subject'>; caseId?: Types.ObjectId; actor?: Actor; messageId?: Types.ObjectId }, now = new Date()): Promise<QueueStaffEmailResult> {
  const staff = await findStaffUser(o.staffUserId);
  if (!staff || staff.disabledAt) return { ok: false, reason: 'The staff account was removed or disabled.' };
  const rendered = renderEmail(o.purpose, { firmName: config.FIRM_NAME, replyTo: config.EMAIL_REPLY_TO, subject: o.subject, ...o.vars(staff) });
  const id = await insertOutboundMessage({ staffUserId: staff._id, caseId: o.caseId, channel: 'email', purpose: o.purpose, to: staff.email.toLowerCase(), subject: o.subject, causedBy: o.actor, at: now, id: o.messageId, ...rendered });
  await audit(o.actor, 'message.queue', { type: 'StaffUser', id: staff._id }, { messageId: String(id), channel: 'email', purpose: o.purpose });
  return { ok: true, messageId: String(id) };
}
