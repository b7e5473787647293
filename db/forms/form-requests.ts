// Forms sent to clients. A case's are listed under _id "case-form:<caseId>"
// (as its tasks are), so the case's Forms tab and the portal read them by
// _id look-ups.
import { Types } from 'mongoose';
import type { FormAnswers } from '../../domain/forms/form-fields';
import { findByIds, idOfLinkKey, linkKey } from '../contacts/contact-links';
import { FormRequest, formRequestCollection, formSubmissionCollection, linkListCollection, type FormRequestDoc, type FormSubmissionDoc, type ReviewedChange } from '../models/index';

const listId = (caseId: Types.ObjectId) => `case-form:${caseId.toHexString()}`;

export async function insertFormRequest(r: FormRequestDoc): Promise<void> {
  await formRequestCollection.insertOne(r);
  await linkListCollection.updateOne({ _id: listId(r.caseId) }, { $addToSet: { keys: linkKey({ id: r._id, at: r.createdAt }) } }, { upsert: true });
}

export async function findFormRequest(id: Types.ObjectId): Promise<FormRequestDoc | null> {
  return formRequestCollection.findOne({ _id: id });
}

/** A case's forms, newest first. */
export async function formRequestsOfCase(caseId: Types.ObjectId, limit = 200): Promise<FormRequestDoc[]> {
  const list = await linkListCollection.findOne({ _id: listId(caseId) });
  const keys = (list?.keys ?? []).slice().sort().reverse().slice(0, limit);
  return (await findByIds<FormRequestDoc>(FormRequest, keys.map((k) => new Types.ObjectId(idOfLinkKey(k))))).filter((r) => r.caseId.equals(caseId));
}

/** A client's forms on some cases (the portal's "What we need from you"). */
export async function formRequestsOfContact(contactId: Types.ObjectId, caseIds: Types.ObjectId[]): Promise<FormRequestDoc[]> {
  const lists = await Promise.all(caseIds.map((id) => formRequestsOfCase(id)));
  return lists.flat().filter((r) => Boolean(r.contactId?.equals(contactId)));
}

/** Keeps the answers as typed; only while the form is open (a submitted form's draft is not touched). */
export async function saveFormDraft(id: Types.ObjectId, draft: FormAnswers, at: Date): Promise<boolean> {
  const r = await formRequestCollection.updateOne({ _id: id, status: 'open' }, { $set: { draft, draftSavedAt: at } });
  return r.matchedCount === 1;
}

/** Closes an open form with its submission; null when it was not open (submitted already, expired, cancelled). */
export async function markFormSubmitted(id: Types.ObjectId, submissionId: Types.ObjectId, at: Date): Promise<FormRequestDoc | null> {
  return formRequestCollection.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { status: 'submitted', submittedAt: at }, $push: { submissionIds: submissionId } }, { returnDocument: 'after' });
}

export async function markFormClosed(id: Types.ObjectId, status: 'expired' | 'cancelled'): Promise<FormRequestDoc | null> {
  return formRequestCollection.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { status } }, { returnDocument: 'after' });
}

export async function countFormReminder(id: Types.ObjectId): Promise<void> {
  await formRequestCollection.updateOne({ _id: id }, { $inc: { remindersSent: 1 } });
}

export async function insertFormSubmission(s: FormSubmissionDoc): Promise<void> {
  await formSubmissionCollection.insertOne(s);
}

export async function findFormSubmission(id: Types.ObjectId): Promise<FormSubmissionDoc | null> {
  return formSubmissionCollection.findOne({ _id: id });
}

export async function deleteFormSubmission(id: Types.ObjectId): Promise<void> {
  await formSubmissionCollection.deleteOne({ _id: id });
}

export async function setSubmissionPdf(id: Types.ObjectId, documentId: Types.ObjectId): Promise<void> {
  await formSubmissionCollection.updateOne({ _id: id }, { $set: { pdfDocumentId: documentId } });
}

/** Writes the review's decisions, if nobody else wrote any since the submission was read (its reviewSeq). */
export async function setSubmissionChanges(id: Types.ObjectId, reviewSeq: number, changes: ReviewedChange[]): Promise<boolean> {
  const r = await formSubmissionCollection.updateOne({ _id: id, reviewSeq }, { $set: { changes }, $inc: { reviewSeq: 1 } });
  return r.matchedCount === 1;
}

/** An intake settled: its request and submission become the contact's. Null when it was settled already (by someone else). */
export async function setIntakeContact(requestId: Types.ObjectId, submissionId: Types.ObjectId, contactId: Types.ObjectId, changes: ReviewedChange[], o: { how: 'linked' | 'created'; by: string; at: Date }): Promise<FormRequestDoc | null> {
  const request = await formRequestCollection.findOneAndUpdate(
    { _id: requestId, contactId: null },
    { $set: { contactId, 'intake.how': o.how, 'intake.resolvedBy': o.by, 'intake.resolvedAt': o.at } },
    { returnDocument: 'after' },
  );
  if (!request) return null;
  await formSubmissionCollection.updateOne({ _id: submissionId }, { $set: { contactId, changes } });
  // Listed with the contact's other forms from now on (the portal's "What we need from you" reads the case's list).
  return request;
}
