import mongoose, { Schema, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

const documentSchema = new Schema(
  {
    // A contact's document (caseId too when it was uploaded on a case's Contact Documents tab), or a case's own (caseId alone).
    contactId: { type: Schema.Types.ObjectId, ref: 'Contact' },
    caseId: { type: Schema.Types.ObjectId, ref: 'Case' },
    storageKey: { type: String, required: true }, // opaque key in the Storage interface
    name: { type: String, required: true }, // sanitized file name
    size: { type: Number, required: true },
    mimeType: { type: String, required: true }, // sniffed from the content, not the extension
    sha256: { type: String, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'StaffUser' },
    uploadedByName: String,
    deletedAt: Date,
    // Sent by the contact on the portal (uploadedBy is then unset): staff see "from the client".
    fromClient: Boolean,
    // Staff shared it with the contact: it shows on their portal's Documents.
    sharedWithClient: Boolean,
  },
  { timestamps: true, collection: 'documents' },
);
documentSchema.index({ contactId: 1, createdAt: -1 });
documentSchema.index({ caseId: 1 });

export type DocumentDoc = Omit<InferRawDocTypeFromSchema<typeof documentSchema>, 'contactId' | 'caseId'> & { _id: Types.ObjectId; createdAt: Date; contactId?: Types.ObjectId; caseId?: Types.ObjectId };
export const ContactDocument = mongoose.model('ContactDocument', documentSchema);
export const documentCollection = typedCollection<DocumentDoc>(ContactDocument);
