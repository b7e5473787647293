// Staff review what a submitted form would change on its contact: each
// change accepted (made on the contact, audited, undoable) or rejected
// (kept on the submission, the contact untouched). Nothing changes the
// contact without this.
import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findContact } from '../../db/contacts/contacts';
import { findFormSubmission, setSubmissionChanges } from '../../db/forms/form-requests';
import type { FormSubmissionDoc, ReviewedChange } from '../../db/models/index';
import { config } from '../../config/config';
import { contactToInput } from '../../domain/contacts/contact-to-input';
import type { ContactTarget } from '../../domain/forms/form-fields';
import { partTouched, withChange, withPartRestored } from '../../domain/forms/proposed-contact-changes';
import { updateContact } from '../contacts/update-contact';

export type ReviewResult = { ok: true; submission: FormSubmissionDoc; accepted: number; rejected: number } | { ok: false; error: string };

export async function reviewFormChanges(o: { submissionId: Types.ObjectId; decisions: Partial<Record<ContactTarget, 'accept' | 'reject'>>; actor: Actor; now?: Date }): Promise<ReviewResult> {
  const submission = await findFormSubmission(o.submissionId);
  if (!submission) return { ok: false, error: 'There is no such submission.' };
  if (!submission.contactId) return { ok: false, error: 'Link this intake to a contact, or create one, first.' };
  const contact = await findContact(submission.contactId);
  if (!contact || contact.mergedInto) return { ok: false, error: 'The contact was merged or removed; review the changes on the merged contact by hand.' };
  const now = o.now ?? new Date();
  let input = contactToInput(contact);
  const changes: ReviewedChange[] = [];
  let accepted = 0;
  let rejected = 0;
  for (const change of submission.changes) {
    const decision = change.decision === 'pending' ? o.decisions[change.target] : undefined;
    if (decision === 'accept') {
      const replaced = partTouched(input, change.target);
      input = withChange(input, change, config.DEFAULT_PHONE_REGION);
      changes.push({ ...change, decision: 'accepted', decidedBy: o.actor.name, decidedAt: now, replaced });
      accepted++;
    } else if (decision === 'reject') {
      changes.push({ ...change, decision: 'rejected', decidedBy: o.actor.name, decidedAt: now });
      rejected++;
    } else changes.push(change);
  }
  if (!accepted && !rejected) return { ok: false, error: 'Choose accept or reject for at least one change.' };
  if (accepted) {
    const saved = await updateContact({ id: contact._id, input, actor: o.actor, region: config.DEFAULT_PHONE_REGION });
    if (!saved.ok) return { ok: false, error: `The contact could not take these changes: ${saved.errors.map((e) => e.message).join(' ')}` };
  }
  if (!(await setSubmissionChanges(submission._id, submission.reviewSeq, changes))) return { ok: false, error: 'Someone else reviewed these changes meanwhile. Reload to see what they decided.' };
  await audit(o.actor, 'form.review', { type: 'Contact', id: contact._id }, { submissionId: String(submission._id), accepted: changes.filter((c) => c.decision === 'accepted' && c.decidedAt === now).map((c) => c.target), rejected: changes.filter((c) => c.decision === 'rejected' && c.decidedAt === now).map((c) => c.target) });
  return { ok: true, submission: { ...submission, changes, reviewSeq: submission.reviewSeq + 1 }, accepted, rejected };
}

/** Puts back what an accepted change replaced, unless the contact's field was changed again since. */
export async function undoFormChange(o: { submissionId: Types.ObjectId; target: ContactTarget; actor: Actor; now?: Date }): Promise<ReviewResult> {
  const submission = await findFormSubmission(o.submissionId);
  const change = submission?.changes.find((c) => c.target === o.target && c.decision === 'accepted' && !c.undoneAt);
  if (!submission || !change || !submission.contactId) return { ok: false, error: 'There is no accepted change to undo here.' };
  const contact = await findContact(submission.contactId);
  if (!contact || contact.mergedInto) return { ok: false, error: 'The contact was merged or removed.' };
  const input = contactToInput(contact);
  const applied = withChange(withPartRestored(input, change.target, change.replaced), change, config.DEFAULT_PHONE_REGION);
  if (JSON.stringify(partTouched(applied, change.target)) !== JSON.stringify(partTouched(input, change.target))) return { ok: false, error: `${change.label} was changed again since; undo refused so that newer change is not lost.` };
  const saved = await updateContact({ id: contact._id, input: withPartRestored(input, change.target, change.replaced), actor: o.actor, region: config.DEFAULT_PHONE_REGION });
  if (!saved.ok) return { ok: false, error: saved.errors.map((e) => e.message).join(' ') };
  const now = o.now ?? new Date();
  const changes = submission.changes.map((c) => (c === change ? { ...c, undoneAt: now, undoneBy: o.actor.name } : c));
  if (!(await setSubmissionChanges(submission._id, submission.reviewSeq, changes))) return { ok: false, error: 'Someone else changed this review meanwhile. Reload and try again.' };
  await audit(o.actor, 'form.review-undo', { type: 'Contact', id: contact._id }, { submissionId: String(submission._id), target: change.target });
  return { ok: true, submission: { ...submission, changes, reviewSeq: submission.reviewSeq + 1 }, accepted: 0, rejected: 0 };
}
