import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { CASE_ROLES, CASE_STATUSES } from '../../domain/cases/case-fields';
import { CASE_STAGES } from '../../domain/cases/case-stages';
import { typedCollection } from '../typed-collection';

const linkSchema = new Schema(
  {
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact', required: true },
    role: { type: String, enum: CASE_ROLES, default: 'client' },
    linkedAt: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

const caseSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    status: { type: String, enum: CASE_STATUSES, default: 'open' },
    practiceArea: { type: String, default: 'General' },
    contacts: { type: [linkSchema], default: [] },
    // Where the case stands for the client (the portal's timeline), and every move, oldest first.
    stage: { type: String, enum: CASE_STAGES },
    stageHistory: { type: [{ stage: { type: String, enum: CASE_STAGES, required: true }, at: { type: Date, required: true }, by: String, _id: false }], default: undefined },
  },
  { timestamps: true, collection: 'cases' },
);
caseSchema.index({ 'contacts.contactId': 1 });
caseSchema.index({ status: 1, updatedAt: -1 });

export type CaseDoc = InferRawDocTypeFromSchema<typeof caseSchema> & { _id: Types.ObjectId };
export const Case = mongoose.model('Case', caseSchema);
export const caseCollection = typedCollection<CaseDoc>(Case);
