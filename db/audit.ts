import type { Types } from 'mongoose';
import { AuditEvent } from './models/index';

export type Actor = { id: Types.ObjectId; name: string };

/** Records a change that matters (who, when, what) in the audit trail. */
export async function audit(actor: Actor | undefined, action: string, subject: { type: string; id: Types.ObjectId }, details?: Record<string, unknown>) {
  await AuditEvent.create({ action, actorId: actor?.id, actorName: actor?.name ?? 'system', subjectType: subject.type, subjectId: subject.id, details });
}
