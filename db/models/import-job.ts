import mongoose, { Schema, type mongo } from 'mongoose';
import type { ImportPolicy } from '../../domain/imports/combine-import-row';
import type { ColumnMapping } from '../../domain/imports/import-fields';
import type { FileReadOptions } from '../../domain/imports/import-file';
import { IMPORT_OUTCOMES, zeroCounts, type ImportCounts, type ImportOutcome } from '../../domain/imports/import-pass';
import { typedCollection } from '../typed-collection';

export { IMPORT_OUTCOMES, zeroCounts, type ImportCounts, type ImportOutcome };

export type ImportStatus = 'uploaded' | 'checking' | 'checked' | 'running' | 'completed' | 'failed' | 'cancelled' | 'undoing' | 'undone';
export type ImportExample = { row: number; outcome: ImportOutcome; contactId?: string; reason?: string; name?: string };

/** Rows read, counts and timing of a dry run or a real run; the progress bar and the summary read it. */
export type ImportPass = {
  rowsDone: number;
  bytesRead: number;
  counts: ImportCounts;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  /** Set when the whole file could not be read past a point. */
  error?: string;
  examples?: ImportExample[];
  policy?: ImportPolicy;
};

export type ImportJobDoc = {
  _id: string;
  fileName: string;
  fileKey: string;
  size: number;
  read: FileReadOptions;
  sheets?: string[];
  headers: string[];
  sampleRows: string[][];
  warnings: string[];
  mapping: ColumnMapping;
  policy: ImportPolicy;
  status: ImportStatus;
  dryRun?: ImportPass;
  run?: ImportPass;
  undo?: { startedAt: Date; finishedAt?: Date; deleted: number; reverted: number; kept: number; keptReasons?: string[] };
  dateOrder?: 'mdy' | 'dmy';
  dryRuns?: number;
  activeWorkflowId?: string;
  createdBy: string;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date;
};

const importJobSchema = new Schema(
  {
    _id: String,
    fileName: String,
    fileKey: String,
    size: Number,
    read: Schema.Types.Mixed,
    sheets: [String],
    headers: [String],
    sampleRows: String, // JSON of string[][]
    warnings: [String],
    mapping: [String],
    policy: String,
    dateOrder: String,
    dryRuns: Number,
    activeWorkflowId: String,
    status: String,
    dryRun: Schema.Types.Mixed,
    run: Schema.Types.Mixed,
    undo: Schema.Types.Mixed,
    createdBy: String,
    createdByName: String,
  },
  { collection: 'imports', versionKey: false, timestamps: true },
);
export const ImportJob = mongoose.model('ImportJob', importJobSchema);
/** As stored: FerretDB keeps no arrays of arrays, so the preview rows are one JSON string (see db/imports/import-jobs.ts). */
export type StoredImportJob = Omit<ImportJobDoc, 'sampleRows'> & { sampleRows: string };
export const importJobCollection = typedCollection<StoredImportJob>(ImportJob);

/**
 * The per-row ledger of a run, a batch of rows to a document (_id
 * "<importId>:<batch>"), entries packed in one string: FerretDB pays per
 * stored value. A batch is written 'planned' (its exact writes beside it in import_ledger_writes) before
 * any contact is touched and 'applied' after, so a retried batch replays the
 * same writes instead of deciding again.
 */
export type ImportLedgerBatchDoc = {
  _id: string;
  importId: string;
  batch: number;
  state: 'planned' | 'applied' | 'undone';
  /** JSON of LedgerEntry[]. */
  entries: string;
  counts: ImportCounts;
  bytesRead: number;
  /** What undoing this batch did, written with its 'undone' state so a retried undo neither loses nor repeats it. */
  undone?: ImportUndoResult;
};
/** What an undo did: contacts deleted, contacts set back, and what it kept because staff changed it since (with why). */
export type ImportUndoResult = { deleted: number; reverted: number; kept: number; keptReasons: string[] };
const importLedgerSchema = new Schema(
  { _id: String, importId: String, batch: Number, state: String, entries: String, counts: Schema.Types.Mixed, bytesRead: Number, undone: Schema.Types.Mixed },
  { collection: 'import_ledger', versionKey: false },
);
export const ImportLedgerBatch = mongoose.model('ImportLedgerBatch', importLedgerSchema);
export const importLedgerCollection = typedCollection<ImportLedgerBatchDoc>(ImportLedgerBatch);

/** The exact writes of a planned batch (deflated EJSON), _id as its ledger batch; apart so the ledger document stays small to update. */
export const ImportLedgerWrites = mongoose.model('ImportLedgerWrites', new Schema({ _id: String, writes: Buffer }, { collection: 'import_ledger_writes', versionKey: false }));
export const importLedgerWritesCollection = typedCollection<{ _id: string; writes: mongo.Binary }>(ImportLedgerWrites);

/** A column mapping saved under a name, by header, to reuse on the next file from the same source. */
const savedMappingSchema = new Schema(
  { _id: String, name: String, columns: Schema.Types.Mixed, updatedBy: String },
  { collection: 'import_mappings', versionKey: false, timestamps: true },
);
export const SavedImportMapping = mongoose.model('SavedImportMapping', savedMappingSchema);
export type SavedImportMappingDoc = { _id: string; name: string; columns: Record<string, string>; updatedBy: string; updatedAt: Date };
export const savedImportMappingCollection = typedCollection<SavedImportMappingDoc>(SavedImportMapping);
