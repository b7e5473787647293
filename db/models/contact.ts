import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { APP_PLATFORMS, CHANNELS, EMAIL_TYPES, PHONE_TYPES } from '../../domain/contacts/contact-fields';
import type { ImportConflict } from '../../domain/imports/combine-import-row';
import { typedCollection } from '../typed-collection';


const phoneSchema = new Schema(
  {
    type: { type: String, enum: PHONE_TYPES, default: 'mobile' },
    raw: { type: String, required: true }, // what staff typed, kept for display
    e164: { type: String }, // normalized; absent when the number could not be parsed
    primary: { type: Boolean, default: false },
  },
  { _id: false },
);

const emailSchema = new Schema(
  {
    type: { type: String, enum: EMAIL_TYPES, default: 'personal' },
    address: { type: String, required: true },
    canonical: { type: String, required: true },
    primary: { type: Boolean, default: false },
  },
  { _id: false },
);

const addressSchema = new Schema(
  { street: String, city: String, region: String, postcode: String, country: String },
  { _id: false },
);

const contactSchema = new Schema(
  {
    firstName: { type: String, default: '' },
    middleName: { type: String, default: '' },
    lastName: { type: String, default: '' },
    preferredName: { type: String, default: '' },
    phones: { type: [phoneSchema], default: [] },
    emails: { type: [emailSchema], default: [] },
    address: { type: addressSchema, default: undefined },
    dateOfBirth: { type: String }, // YYYY-MM-DD; a calendar date, not an instant
    timezone: { type: String }, // IANA zone
    preferences: {
      channel: { type: String, enum: CHANNELS },
      doNotContact: {
        sms: { type: Boolean, default: false },
        email: { type: Boolean, default: false },
        phone: { type: Boolean, default: false },
        mail: { type: Boolean, default: false },
      },
      bestHours: { start: String, end: String }, // "09:00".."17:30", in the contact's timezone
    },
    appStatus: {
      installed: { type: Boolean, default: false },
      at: Date,
      platform: { type: String, enum: APP_PLATFORMS },
    },
    tags: { type: [String], default: [] },
    source: { type: String, default: 'manual' },
    // Search keys maintained on every write by domain/contacts/contact-search-keys.ts.
    sortName: { type: String, required: true }, // folded "last first middle" for ordering and prefix search
    nameTokens: { type: [String], default: [] }, // folded name words, for word-prefix search
    phoneKeys: { type: [String], default: [] }, // E.164 and last-7-digit keys
    emailKeys: { type: [String], default: [] }, // canonical emails
    caseStatuses: { type: [String], default: [] }, // denormalized from linked cases, for the case-status filter
    // Values an import (policy Merge) did not write because the contact already had another; shown on the profile for staff to settle.
    importConflicts: {
      // incomingAddress: the file's address parts, for an Address conflict (settled whole).
      type: [new Schema({ key: String, field: String, kept: String, incoming: String, importId: String, row: Number, incomingAddress: { type: Schema.Types.Mixed, default: undefined } }, { _id: false })],
      default: undefined,
    },
    mergedInto: { type: Schema.Types.ObjectId, ref: 'Contact' }, // set on merge losers (tombstones)
    createdBy: { type: Schema.Types.ObjectId, ref: 'StaffUser' },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'StaffUser' },
  },
  { timestamps: true, collection: 'contacts' },
);

// Listing is keyset-paginated on (sortName, _id), optionally narrowed by App Status.
contactSchema.index({ sortName: 1, _id: 1 });
contactSchema.index({ 'appStatus.installed': 1, sortName: 1, _id: 1 });
contactSchema.index({ nameTokens: 1 });
contactSchema.index({ phoneKeys: 1 });
contactSchema.index({ emailKeys: 1 });
contactSchema.index({ tags: 1 });
contactSchema.index({ caseStatuses: 1 });
contactSchema.index({ mergedInto: 1 });

// importConflicts is an array of subdocuments that may be absent; Mongoose infers it as something else, so it is named here.
export type ContactDoc = Omit<InferRawDocTypeFromSchema<typeof contactSchema>, 'importConflicts'> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date; importConflicts?: ImportConflict[] | null };
export const Contact = mongoose.model('Contact', contactSchema);
export const contactCollection = typedCollection<ContactDoc>(Contact);
