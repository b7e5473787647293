import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

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

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEvent = mongoose.model('AuditEvent', auditEventSchema);
