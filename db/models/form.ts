import mongoose, { Schema, type Types } from 'mongoose';
import type { FormAnswers, FormField } from '../../domain/forms/form-fields';
import type { ProposedChange } from '../../domain/forms/proposed-contact-changes';
import { typedCollection } from '../typed-collection';

/**
 * Forms (issue #20). A template staff build in Admin is saved as numbered
 * versions (`form_template_versions`, _id "<templateId>:<n>"): a form sent
 * to a client keeps the version it was sent with, so editing the template
 * never changes it. A sent form is a request (`form_requests`: its draft
 * answers are kept as the client types, on any device), and each submission
 * a record of its own (`form_submissions`) with the changes it proposes to
 * the contact and what staff decided about each.
 */
const formTemplateSchema = new Schema(
  {
    name: { type: String, required: true },
    intake: { type: Boolean, default: false },
    currentVersion: { type: Number, required: true },
    archivedAt: Date,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { id: Schema.Types.ObjectId, name: String },
  },
  { collection: 'form_templates', versionKey: false },
);
export type FormTemplateDoc = { _id: Types.ObjectId; name: string; intake: boolean; currentVersion: number; archivedAt?: Date | null; createdAt: Date; updatedAt: Date; updatedBy?: { id: Types.ObjectId; name: string } };
export const FormTemplate = mongoose.model('FormTemplate', formTemplateSchema);
export const formTemplateCollection = typedCollection<FormTemplateDoc>(FormTemplate);

const formTemplateVersionSchema = new Schema(
  {
    _id: String,
    templateId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    name: { type: String, required: true },
    intake: Boolean,
    fields: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { id: Schema.Types.ObjectId, name: String },
  },
  { collection: 'form_template_versions', versionKey: false },
);
export type FormTemplateVersionDoc = { _id: string; templateId: Types.ObjectId; version: number; name: string; intake?: boolean; fields: FormField[]; createdAt: Date; createdBy?: { id: Types.ObjectId; name: string } };
export const FormTemplateVersion = mongoose.model('FormTemplateVersion', formTemplateVersionSchema);
export const formTemplateVersionCollection = typedCollection<FormTemplateVersionDoc>(FormTemplateVersion);

const formRequestSchema = new Schema(
  {
    templateId: { type: Schema.Types.ObjectId, required: true },
    versionId: { type: String, required: true },
    name: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    // Absent on an intake form sent to someone who is not a contact yet, until staff link or create the contact.
    contactId: Schema.Types.ObjectId,
    intake: { name: String, channel: { type: String, enum: ['sms', 'email'] }, to: String, resolvedAt: Date, resolvedBy: String, how: { type: String, enum: ['linked', 'created'] } },
    status: { type: String, enum: ['open', 'submitted', 'expired', 'cancelled'], required: true },
    draft: { type: Schema.Types.Mixed, default: {} },
    draftSavedAt: Date,
    submissionIds: { type: [Schema.Types.ObjectId], default: [] },
    sentBy: { id: Schema.Types.ObjectId, name: String },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    submittedAt: Date,
    remindersSent: { type: Number, default: 0 },
  },
  { collection: 'form_requests', versionKey: false },
);
export type IntakeRecipient = { name?: string; channel: 'sms' | 'email'; to: string; resolvedAt?: Date; resolvedBy?: string; how?: 'linked' | 'created' };
export type FormRequestStatus = 'open' | 'submitted' | 'expired' | 'cancelled';
export type FormRequestDoc = {
  _id: Types.ObjectId; templateId: Types.ObjectId; versionId: string; name: string; caseId: Types.ObjectId; contactId?: Types.ObjectId | null; intake?: IntakeRecipient; status: FormRequestStatus;
  draft: FormAnswers; draftSavedAt?: Date | null; submissionIds: Types.ObjectId[]; sentBy: { id: Types.ObjectId; name: string }; createdAt: Date; expiresAt: Date; submittedAt?: Date | null; remindersSent: number;
};
export const FormRequest = mongoose.model('FormRequest', formRequestSchema);
export const formRequestCollection = typedCollection<FormRequestDoc>(FormRequest);

const formSubmissionSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true },
    versionId: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    contactId: Schema.Types.ObjectId,
    answers: { type: Schema.Types.Mixed, required: true },
    // An intake's likely matches among existing contacts, from the matching engine, when it was submitted.
    intakeMatches: { type: Schema.Types.Mixed, default: undefined },
    submittedAt: { type: Date, required: true },
    pdfDocumentId: Schema.Types.ObjectId,
    changes: { type: Schema.Types.Mixed, default: [] },
    reviewSeq: { type: Number, default: 0 },
  },
  { collection: 'form_submissions', versionKey: false },
);
export type IntakeMatch = { contactId: Types.ObjectId; name: string; score: number; band: string; reasons: string[]; against: string[] };
export type ChangeDecision = { decision: 'pending' | 'accepted' | 'rejected'; decidedBy?: string; decidedAt?: Date; replaced?: unknown; undoneAt?: Date; undoneBy?: string };
export type ReviewedChange = ProposedChange & ChangeDecision;
export type FormSubmissionDoc = { _id: Types.ObjectId; requestId: Types.ObjectId; n: number; versionId: string; caseId: Types.ObjectId; contactId?: Types.ObjectId | null; answers: FormAnswers; intakeMatches?: IntakeMatch[]; submittedAt: Date; pdfDocumentId?: Types.ObjectId | null; changes: ReviewedChange[]; reviewSeq: number };
export const FormSubmission = mongoose.model('FormSubmission', formSubmissionSchema);
export const formSubmissionCollection = typedCollection<FormSubmissionDoc>(FormSubmission);

// The token of an intake form's link, by its SHA-256 (the token itself is only in the message as sent).
const intakeTokenSchema = new Schema({ _id: String, requestId: { type: Schema.Types.ObjectId, required: true }, createdAt: { type: Date, required: true } }, { collection: 'intake_tokens', versionKey: false });
export type IntakeTokenDoc = { _id: string; requestId: Types.ObjectId; createdAt: Date };
export const IntakeToken = mongoose.model('IntakeToken', intakeTokenSchema);
export const intakeTokenCollection = typedCollection<IntakeTokenDoc>(IntakeToken);
