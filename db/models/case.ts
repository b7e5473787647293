import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { CASE_ROLES, CASE_STATUSES } from '../../domain/cases/case-fields';
import { CASE_STAGES } from '../../domain/cases/case-stages';
import { caseTitleWords } from '../../domain/cases/case-list-row';
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
    // The title's folded words (domain/cases/case-list-row.ts), so MongoDB answers a title search from an index by word beginnings.
    titleWords: { type: [String], default: undefined },
  },
  { timestamps: true, collection: 'cases' },
);
caseSchema.index({ 'contacts.contactId': 1 });
caseSchema.index({ status: 1, updatedAt: -1 });
// The case list on MongoDB: newest number first, by status, and a title search by word beginnings.
caseSchema.index({ status: 1, number: -1 });
caseSchema.index({ titleWords: 1, number: -1 });
caseSchema.pre('save', function setTitleWords() {
  this.titleWords = caseTitleWords(this.title);
});
// A case saved through the model (Case.create) is logged for the case list like every other case write.
caseSchema.post('save', async function logCaseChange(doc) {
  await recordCaseChangesHook?.([doc._id]);
});

/** Set by db/cases/case-changes.ts (which imports this model, so it cannot be imported here). */
let recordCaseChangesHook: ((ids: Types.ObjectId[]) => Promise<void>) | undefined;
export function onCaseSaved(record: (ids: Types.ObjectId[]) => Promise<void>): void {
  recordCaseChangesHook = record;
}

export type CaseDoc = InferRawDocTypeFromSchema<typeof caseSchema> & { _id: Types.ObjectId };
export const Case = mongoose.model('Case', caseSchema);
export const caseCollection = typedCollection<CaseDoc>(Case);

/**
 * The case change log: which cases changed (created, relinked), in order, so
 * the case list's in-memory index catches up by reading entries by _id.
 * A bulk writer (the seed) carries the new cases' list rows as JSON.
 */
const caseChangeSchema = new Schema(
  { _id: String, packedIds: String, listRows: String, at: Date },
  { collection: 'case_changes', versionKey: false },
);
export const CaseChange = mongoose.model('CaseChange', caseChangeSchema);
export type CaseChangeDoc = { _id: string; packedIds: string; listRows?: string; at: Date };
export const caseChangeCollection = typedCollection<CaseChangeDoc>(CaseChange);
