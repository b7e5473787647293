import { Types } from 'mongoose';
import type { ColumnMapping } from '../../domain/imports/import-fields';
import type { ImportPolicy } from '../../domain/imports/combine-import-row';
import type { ImportFileAnalysis } from '../../activities/imports/files/analyze-import-file';
import { ImportJob, SavedImportMapping, type ImportJobDoc } from '../models/index';

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

export async function loadImportJob(id: string): Promise<(ImportJobDoc & { dateOrder?: 'mdy' | 'dmy'; dryRuns?: number }) | null> {
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const job = await ImportJob.collection.findOne({ _id: id } as never);
  if (job && typeof job.sampleRows === 'string') job.sampleRows = JSON.parse(job.sampleRows);
  return job as never;
}

/** Newest first. Imports are few (one per file staff upload), so sorting them in memory is fine on every engine. */
export async function listImports(page: number): Promise<{ jobs: ImportJobDoc[]; total: number }> {
  const all = (await ImportJob.collection.find({}, { projection: { sampleRows: 0, warnings: 0, headers: 0, mapping: 0 } }).toArray()) as unknown as ImportJobDoc[];
  all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return { jobs: all.slice((page - 1) * IMPORTS_PER_PAGE, page * IMPORTS_PER_PAGE), total: all.length };
}

export async function updateImportJob(id: string, set: Record<string, unknown>): Promise<void> {
  if (Array.isArray(set.sampleRows)) set = { ...set, sampleRows: JSON.stringify(set.sampleRows) };
  await ImportJob.collection.updateOne({ _id: id } as never, { $set: { ...set, updatedAt: new Date() } });
}

export async function saveNamedMapping(o: { name: string; headers: string[]; mapping: ColumnMapping; actorId: string }): Promise<void> {
  const columns: Record<string, string> = {};
  o.headers.forEach((h, i) => {
    if (h && o.mapping[i]) columns[h] = o.mapping[i]!;
  });
  const id = o.name.trim().toLowerCase();
  await SavedImportMapping.collection.updateOne({ _id: id } as never, { $set: { name: o.name.trim(), columns, updatedBy: o.actorId, updatedAt: new Date() } }, { upsert: true });
}

export async function listSavedMappings(): Promise<{ _id: string; name: string; columns: Record<string, string> }[]> {
  const all = (await SavedImportMapping.collection.find({}).toArray()) as unknown as { _id: string; name: string; columns: Record<string, string> }[];
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

export type { ImportPolicy };
