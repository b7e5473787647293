export { Contact, type ContactDoc } from './contact';
export { Case, type CaseDoc } from './case';
export { Message, type MessageDoc } from './message';
export { Note, type NoteDoc } from './note';
export { ContactDocument, type DocumentDoc } from './document';
export { StaffUser, type StaffUserDoc } from './staff-user';
export { Session, type SessionDoc } from './session';
export { AuditEvent, type AuditEventDoc } from './audit-event';
export { ContactChange, Counter } from './contact-change';
