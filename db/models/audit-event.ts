import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

const auditEventSchema = new Schema(
  {
    action: { type: String, required: true }, // e.g. contact.update, document.delete, staff.create
    actorId: { type: Schema.Types.ObjectId, ref: 'StaffUser' },
    actorName: String,
    subjectType: { type: String, required: true },
    subjectId: { type: Schema.Types.ObjectId, required: true },
    details: { type: Schema.Types.Mixed },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'audit_events' },
);
auditEventSchema.index({ subjectType: 1, subjectId: 1, at: -1 });

export type AuditEventDoc = InferRawDocTypeFromSchema<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEvent = mongoose.model('AuditEvent', auditEventSchema);
export const auditEventCollection = typedCollection<AuditEventDoc>(AuditEvent);
