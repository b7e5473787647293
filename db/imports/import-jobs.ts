import { Types } from 'mongoose';
import type { ColumnMapping } from '../../domain/imports/import-fields';
import type { ImportPolicy } from '../../domain/imports/combine-import-row';
import type { ImportFileAnalysis } from '../../domain/imports/import-file';
import { ImportJob, importJobCollection, savedImportMappingCollection, type ImportJobDoc, type SavedImportMappingDoc, type StoredImportJob } from '../models/index';

export const IMPORTS_PER_PAGE = 20;

export async function createImportJob(o: { fileName: string; fileKey: string; size: number; sheets?: string[]; analysis: ImportFileAnalysis; mapping: ColumnMapping; actor: { id: Types.ObjectId; name: string }; dateOrder: 'mdy' | 'dmy'; id?: string; policy?: ImportPolicy }): Promise<string> {
  const id = o.id ?? new Types.ObjectId().toHexString();
  await ImportJob.create({
    _id: id,
    fileName: o.fileName,
    fileKey: o.fileKey,
    size: o.size,
    read: o.analysis.read,
    sheets: o.sheets,
    headers: o.analysis.headers,
    // FerretDB stores no arrays of arrays: the preview rows are kept as one JSON string.
    sampleRows: JSON.stringify(o.analysis.sampleRows),
    warnings: o.analysis.warnings,
    mapping: o.mapping,
    policy: o.policy ?? 'merge',
    dateOrder: o.dateOrder,
    status: 'uploaded',
    createdBy: String(o.actor.id),
    createdByName: o.actor.name,
  });
  return id;
}

/** An import as the pages and the activities read it (its preview rows unpacked), or null. */
export async function loadImportJob(id: string): Promise<ImportJobDoc | null> {
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const job = await importJobCollection.findOne({ _id: id });
  return job && unpacked(job);
}

/** The stored job with its preview rows unpacked from their JSON string (older jobs may hold them as arrays). */
const unpacked = (job: StoredImportJob): ImportJobDoc => ({ ...job, sampleRows: typeof job.sampleRows === 'string' ? (JSON.parse(job.sampleRows) as string[][]) : (job.sampleRows as string[][]) });

/** Who started an import (its activities act on their behalf), or '' when unknown. */
export async function importCreatedBy(id: string): Promise<string> {
  return (await importJobCollection.findOne({ _id: id }, { projection: { createdBy: 1 } }))?.createdBy ?? '';
}

/** Newest first. Imports are few (one per file staff upload), so sorting them in memory is fine on every engine. */
export async function listImports(page: number): Promise<{ jobs: Omit<StoredImportJob, 'sampleRows' | 'warnings' | 'headers' | 'mapping'>[]; total: number }> {
  const all = await importJobCollection.find({}, { projection: { sampleRows: 0, warnings: 0, headers: 0, mapping: 0 } }).toArray();
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  // Listed without their preview rows (and headers, mapping, warnings), which the list does not show.
  return { jobs: all.slice((page - 1) * IMPORTS_PER_PAGE, page * IMPORTS_PER_PAGE), total: all.length };
}

export async function updateImportJob(id: string, set: Record<string, unknown>): Promise<void> {
  if (Array.isArray(set.sampleRows)) set = { ...set, sampleRows: JSON.stringify(set.sampleRows) };
  await importJobCollection.updateOne({ _id: id }, { $set: { ...set, updatedAt: new Date() } });
}

export async function saveNamedMapping(o: { name: string; headers: string[]; mapping: ColumnMapping; actorId: string }): Promise<void> {
  const columns: Record<string, string> = {};
  o.headers.forEach((h, i) => {
    if (h && o.mapping[i]) columns[h] = o.mapping[i]!;
  });
  const id = o.name.trim().toLowerCase();
  await savedImportMappingCollection.updateOne({ _id: id }, { $set: { name: o.name.trim(), columns, updatedBy: o.actorId, updatedAt: new Date() } }, { upsert: true });
}

export async function listSavedMappings(): Promise<SavedImportMappingDoc[]> {
  const all = await savedImportMappingCollection.find({}).toArray();
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

export type { ImportPolicy };
