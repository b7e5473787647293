// Every model, with its driver collection typed by the shape of its stored documents.
export { Contact, contactCollection, type ContactDoc } from './contact';
export { Case, CaseChange, caseCollection, caseChangeCollection, onCaseSaved, type CaseDoc, type CaseChangeDoc } from './case';
export { Message, messageCollection, ProviderMessageId, providerMessageIdCollection, SmsNumber, smsNumberCollection, WebhookEvent, webhookEventCollection, type MessageDoc, type ProviderMessageIdDoc, type SmsNumberDoc, type WebhookEventDoc } from './message';
export { Note, noteCollection, type NoteDoc } from './note';
export { ContactDocument, documentCollection, type DocumentDoc } from './document';
export { StaffUser, staffUserCollection, type StaffUserDoc } from './staff-user';
export { Session, sessionCollection, type SessionDoc } from './session';
export { LoginThrottle, loginThrottleCollection, type LoginThrottleDoc } from './login-throttle';
export { AuditEvent, auditEventCollection, type AuditEventDoc } from './audit-event';
export { ContactChange, Counter, contactChangeCollection, counterCollection, type ContactChangeDoc, type CounterDoc } from './contact-change';
export { LinkList, linkListCollection, type LinkListDoc } from './link-list';
export { MergeRecord, MergeLock, mergeRecordCollection, mergeLockCollection, type MergeRecordDoc, type MergeStatus, type MergeSnapshot, type MergeCounts } from './merge-record';
export { DuplicateSuggestions, NotDuplicatePair, SuggestionCountChange, duplicateSuggestionsCollection, notDuplicatePairCollection, suggestionCountChangeCollection, pairId, type SuggestionEntry, type DuplicateSuggestionsDoc, type NotDuplicatePairDoc, type SuggestionCountChangeDoc } from './duplicate-suggestion';
export { DuplicateGroup, duplicateGroupCollection, GROUP_STATUSES, type DuplicateGroupDoc, type GroupStatus } from './duplicate-group';
export { SweepRun, sweepRunCollection, type SweepRunDoc } from './sweep-run';
export { MatchRecordChunk, matchRecordChunkCollection } from './match-record-chunk';
export { SweepMatchPart, SweepResultChunk, sweepMatchPartCollection, sweepResultChunkCollection, type SweepMatchPartDoc } from './sweep-work';
export { ReviewQueueChunk, reviewQueueChunkCollection, type ReviewQueueChunkDoc } from './review-queue-chunk';
export {
  ImportJob, ImportLedgerBatch, ImportLedgerWrites, SavedImportMapping, IMPORT_OUTCOMES, zeroCounts,
  importJobCollection, importLedgerCollection, importLedgerWritesCollection, savedImportMappingCollection,
  type ImportJobDoc, type StoredImportJob, type ImportLedgerBatchDoc, type ImportUndoResult, type ImportCounts, type ImportOutcome, type ImportPass, type ImportExample, type ImportStatus, type SavedImportMappingDoc,
} from './import-job';
export {
  Bundle, BundleEntryChunk, BundleLink, BundleRequest, BUNDLE_STATUSES,
  bundleCollection, bundleEntryChunkCollection, bundleLinkCollection, bundleRequestCollection,
  type BundleDoc, type BundleEntry, type BundleEntryChunkDoc, type BundleLinkDoc, type BundleRequestDoc, type BundleStatus,
} from './bundle';
export {
  PortalLink, PortalLinkToken, PortalSession, PortalNotice, PortalThread,
  portalLinkCollection, portalLinkTokenCollection, portalSessionCollection, portalNoticeCollection, portalThreadCollection,
  type PortalLinkDoc, type PortalLinkTokenDoc, type PortalSessionDoc, type StepUpCodeState, type PortalNoticeDoc, type PortalThreadDoc, type PortalThreadEntry,
} from './portal';
export { Appointment, appointmentCollection, type AppointmentDoc, type AppointmentAttendee } from './appointment';
export { Task, taskCollection, type TaskDoc, type TaskActor, type TaskChecklistItem } from './task';
export {
  FormTemplate, FormTemplateVersion, FormRequest, FormSubmission, IntakeToken,
  formTemplateCollection, formTemplateVersionCollection, formRequestCollection, formSubmissionCollection, intakeTokenCollection,
  type IntakeTokenDoc, type IntakeRecipient, type IntakeMatch, type FormTemplateDoc, type FormTemplateVersionDoc, type FormRequestDoc, type FormRequestStatus, type FormSubmissionDoc, type ReviewedChange, type ChangeDecision,
} from './form';
