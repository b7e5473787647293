import mongoose, { Schema, type Types } from 'mongoose';
import { typedCollection } from '../typed-collection';

export const BUNDLE_STATUSES = ['preparing', 'ready', 'failed', 'cancelled', 'expired', 'revoked'] as const;
export type BundleStatus = (typeof BUNDLE_STATUSES)[number];

/**
 * A "Download All" bundle (BundleDocumentsWorkflow, id `bundle-<id>`): the
 * zip of a contact's or a case's documents, fixed when it was asked for,
 * made in the background, kept for its lifetime and then deleted.
 */
const bundleSchema = new Schema(
  {
    scope: {
      kind: { type: String, enum: ['contact', 'case'], required: true },
      id: { type: Schema.Types.ObjectId, required: true },
      label: { type: String, required: true }, // the contact's name or the case's number and title, for the page and the file name
    },
    requestedBy: { id: { type: Schema.Types.ObjectId, ref: 'StaffUser', required: true }, name: { type: String, required: true } },
    status: { type: String, enum: BUNDLE_STATUSES, required: true },
    statusReason: String,
    fileName: { type: String, required: true }, // what the download is called
    totalFiles: { type: Number, required: true },
    totalBytes: { type: Number, required: true },
    entryChunks: { type: Number, required: true }, // how many bundle_entry_chunks hold its entries
    progress: { filesDone: Number, bytesDone: Number, at: Date },
    // Keys every attempt wrote to (a killed attempt leaves a partial object to delete), and the finished zip.
    attemptKeys: { type: [String], default: [] },
    storageKey: String,
    size: Number,
    missing: { type: Number, default: 0 },
    lifetimeMs: { type: Number, required: true },
    readyAt: Date,
    expiresAt: Date,
    endedAt: Date,
    emailMessageId: Schema.Types.ObjectId,
    cancelRequestedAt: Date, // staff pressed Cancel; the workflow then records "cancelled"
    // Set by staff at once; the workflow then deletes the file (status "revoked").
    revokedAt: Date,
    revokedBy: { id: { type: Schema.Types.ObjectId, ref: 'StaffUser' }, name: String },
    downloads: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'bundles' },
);

export type BundleEntry = {
  documentId: string;
  zipName: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Date;
  caseNumber: string;
};

export type BundleDoc = {
  _id: Types.ObjectId;
  scope: { kind: 'contact' | 'case'; id: Types.ObjectId; label: string };
  requestedBy: { id: Types.ObjectId; name: string };
  status: BundleStatus;
  statusReason?: string;
  fileName: string;
  totalFiles: number;
  totalBytes: number;
  entryChunks: number;
  progress?: { filesDone: number; bytesDone: number; at: Date };
  attemptKeys: string[];
  storageKey?: string;
  size?: number;
  missing: number;
  lifetimeMs: number;
  readyAt?: Date;
  expiresAt?: Date;
  endedAt?: Date;
  emailMessageId?: Types.ObjectId;
  cancelRequestedAt?: Date;
  revokedAt?: Date;
  revokedBy?: { id: Types.ObjectId; name: string };
  downloads: number;
  createdAt: Date;
  updatedAt: Date;
};

// The entries of a bundle, a thousand to a document under _id "<bundleId>:<n>" (a bundle may have more than fit in one).
const bundleEntryChunkSchema = new Schema({ _id: String, entries: { type: [Schema.Types.Mixed], default: [] } }, { collection: 'bundle_entry_chunks', versionKey: false });
export type BundleEntryChunkDoc = { _id: string; entries: BundleEntry[] };

// A bundle's emailed link, by the SHA-256 of its token (the token itself is only in the email).
const bundleLinkSchema = new Schema(
  { _id: String, bundleId: { type: Schema.Types.ObjectId, required: true }, createdAt: { type: Date, required: true }, expiresAt: { type: Date, required: true }, revokedAt: Date },
  { collection: 'bundle_links', versionKey: false },
);
export type BundleLinkDoc = { _id: string; bundleId: Types.ObjectId; createdAt: Date; expiresAt: Date; revokedAt?: Date };

// Each staff member's latest bundle of a contact or a case, under _id "<kind>:<id>:<staffId>": the
// page finds it after a reload, and a second Download All while it is being made reuses it.
const bundleRequestSchema = new Schema({ _id: String, bundleId: { type: Schema.Types.ObjectId, required: true }, at: { type: Date, required: true } }, { collection: 'bundle_requests', versionKey: false });
export type BundleRequestDoc = { _id: string; bundleId: Types.ObjectId; at: Date };

export const Bundle = mongoose.model('Bundle', bundleSchema);
export const bundleCollection = typedCollection<BundleDoc>(Bundle);
export const BundleEntryChunk = mongoose.model('BundleEntryChunk', bundleEntryChunkSchema);
export const bundleEntryChunkCollection = typedCollection<BundleEntryChunkDoc>(BundleEntryChunk);
export const BundleLink = mongoose.model('BundleLink', bundleLinkSchema);
export const bundleLinkCollection = typedCollection<BundleLinkDoc>(BundleLink);
export const BundleRequest = mongoose.model('BundleRequest', bundleRequestSchema);
export const bundleRequestCollection = typedCollection<BundleRequestDoc>(BundleRequest);
