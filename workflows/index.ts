// Every workflow the worker runs (the bundle's entry). Their queries and
// signals are in ./messages, which the web process and the activities import
// without loading workflow code.
export { SeedDemoDataWorkflow } from './seed-demo-data';
export type { SeedDemoDataInput } from './seed-demo-data';
export { MergeContactsWorkflow, UnmergeContactsWorkflow } from './merge-contacts';
export type { MergeContactsInput, MergeResult } from './merge-contacts';
export { DedupeSweepWorkflow } from './dedupe-sweep';
export type { DedupeSweepInput, DedupeSweepResult } from './dedupe-sweep';
export { ImportContactsWorkflow, UndoImportWorkflow } from './import-contacts';
export type { ImportContactsInput, ImportContactsResult } from './import-contacts';
export { PurgeEndedSessionsWorkflow } from './purge-ended-sessions';
export { DeliverMessageWorkflow } from './deliver-message';
export type { DeliverMessageInput, DeliverMessageResult } from './deliver-message';
export { BundleDocumentsWorkflow } from './bundle-documents';
export type { BundleDocumentsInput, BundleDocumentsResult } from './bundle-documents';
export { PortalLinkWorkflow } from './portal-link';
export type { PortalLinkInput, PortalLinkResult } from './portal-link';
export { AppointmentReminderWorkflow } from './appointment-reminder';
export type { AppointmentReminderInput, AppointmentReminderResult } from './appointment-reminder';
export { TaskReminderWorkflow } from './task-reminder';
export type { TaskReminderInput, TaskReminderResult } from './task-reminder';
export { FormRequestWorkflow } from './form-request';
export type { FormRequestInput, FormRequestResult } from './form-request';
