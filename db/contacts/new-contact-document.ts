import { Types } from 'mongoose';
import type { ContactRecord } from '../../domain/contacts/build-contact-record';
import type { ContactDoc } from '../models/index';

/** A new contact's whole document, as an import inserts it. */
export type NewContactDocument = ContactDoc;

/**
 * The document Mongoose would store for a new contact (schema defaults
 * filled), built directly: imports insert hundreds of thousands, and
 * constructing a Mongoose document for each costs more than the insert.
 * A unit test keeps the two identical.
 */
export function newContactDocument(record: ContactRecord, o: { _id: Types.ObjectId; actorId?: Types.ObjectId; now: Date }): NewContactDocument {
  const p = record.preferences;
  const doc: NewContactDocument = {
    _id: o._id,
    firstName: record.firstName,
    middleName: record.middleName,
    lastName: record.lastName,
    preferredName: record.preferredName,
    phones: record.phones.map((x) => (x.e164 ? { type: x.type, raw: x.raw, e164: x.e164, primary: x.primary } : { type: x.type, raw: x.raw, primary: x.primary })),
    emails: record.emails.map((x) => ({ type: x.type, address: x.address, canonical: x.canonical, primary: x.primary })),
    preferences: {
      ...(p?.channel ? { channel: p.channel } : {}),
      doNotContact: { sms: Boolean(p?.doNotContact?.sms), email: Boolean(p?.doNotContact?.email), phone: Boolean(p?.doNotContact?.phone), mail: Boolean(p?.doNotContact?.mail) },
      ...(p?.bestHours ? { bestHours: { ...(p.bestHours.start ? { start: p.bestHours.start } : {}), ...(p.bestHours.end ? { end: p.bestHours.end } : {}) } } : {}),
    },
    appStatus: { installed: Boolean(record.appStatus.installed), ...(record.appStatus.at ? { at: record.appStatus.at } : {}), ...(record.appStatus.platform ? { platform: record.appStatus.platform } : {}) },
    tags: record.tags,
    source: record.source,
    sortName: record.sortName,
    nameTokens: record.nameTokens,
    phoneKeys: record.phoneKeys,
    emailKeys: record.emailKeys,
    caseStatuses: [],
    createdAt: o.now,
    updatedAt: o.now,
  };
  if (record.address) {
    const a = Object.fromEntries(Object.entries(record.address).filter(([, v]) => v !== undefined));
    doc.address = a;
  }
  if (record.dateOfBirth) doc.dateOfBirth = record.dateOfBirth;
  if (record.timezone) doc.timezone = record.timezone;
  if (o.actorId) {
    doc.createdBy = o.actorId;
    doc.updatedBy = o.actorId;
  }
  return doc;
}
