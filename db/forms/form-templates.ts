// Form templates and their versions. Templates are few (a firm has tens), so
// listing them reads the small collection whole.
import { Types } from 'mongoose';
import type { FormField } from '../../domain/forms/form-fields';
import { formTemplateCollection, formTemplateVersionCollection, type FormTemplateDoc, type FormTemplateVersionDoc } from '../models/index';

export const versionIdOf = (templateId: Types.ObjectId, version: number) => `${templateId.toHexString()}:${version}`;

export async function listFormTemplates(o: { archived?: boolean } = {}): Promise<FormTemplateDoc[]> {
  const all = await formTemplateCollection.find({}).toArray();
  return all.filter((t) => Boolean(t.archivedAt) === Boolean(o.archived)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function findFormTemplate(id: Types.ObjectId): Promise<FormTemplateDoc | null> {
  return formTemplateCollection.findOne({ _id: id });
}

export async function findTemplateVersion(versionId: string): Promise<FormTemplateVersionDoc | null> {
  return formTemplateVersionCollection.findOne({ _id: versionId });
}

/**
 * Saves a template's next version: the version row first (its id is fixed
 * by the number, so two saves racing cannot both take it), then the
 * template moves to it. Returns the version, or null when another save took
 * the number first.
 */
export async function saveTemplateVersion(o: { templateId?: Types.ObjectId; name: string; intake: boolean; fields: FormField[]; by: { id: Types.ObjectId; name: string }; now: Date; expectedVersion: number }): Promise<FormTemplateVersionDoc | null> {
  const templateId = o.templateId ?? new Types.ObjectId();
  const version = o.expectedVersion + 1;
  const row: FormTemplateVersionDoc = { _id: versionIdOf(templateId, version), templateId, version, name: o.name, intake: o.intake, fields: o.fields, createdAt: o.now, createdBy: o.by };
  try {
    await formTemplateVersionCollection.insertOne(row);
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return null;
    throw err;
  }
  if (o.templateId) await formTemplateCollection.updateOne({ _id: templateId }, { $set: { name: o.name, intake: o.intake, currentVersion: version, updatedAt: o.now, updatedBy: o.by } });
  else await formTemplateCollection.insertOne({ _id: templateId, name: o.name, intake: o.intake, currentVersion: version, createdAt: o.now, updatedAt: o.now, updatedBy: o.by });
  return row;
}

export async function setTemplateArchived(id: Types.ObjectId, archivedAt: Date | null): Promise<void> {
  await formTemplateCollection.updateOne({ _id: id }, { $set: { archivedAt } });
}
