import type { Types } from 'mongoose';
import { AuditEvent, auditEventCollection } from './models/index';

export type Actor = { id: Types.ObjectId; name: string };

/** Records a change that matters (who, when, what) in the audit trail. */
export async function audit(actor: Actor | undefined, action: string, subject: { type: string; id: Types.ObjectId }, details?: Record<string, unknown>) {
  await AuditEvent.create({ action, actorId: actor?.id, actorName: actor?.name ?? 'system', subjectType: subject.type, subjectId: subject.id, details });
}

/**
 * Records an event under an id fixed in advance, once: a retried workflow
 * step that writes it again finds it there and leaves it alone.
 */
export async function auditOnce(eventId: Types.ObjectId, actor: { id?: Types.ObjectId; name: string }, action: string, subject: { type: string; id: Types.ObjectId }, details: Record<string, unknown>, at: Date): Promise<void> {
  await auditEventCollection
    .insertOne({ _id: eventId, action, actorId: actor.id, actorName: actor.name, subjectType: subject.type, subjectId: subject.id, details, at })
    .catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err;
    });
}
