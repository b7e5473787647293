// Staff save a form template from the builder in Admin: checked, then saved
// as the template's next version (forms already sent keep theirs).
import type { Types } from 'mongoose';
import { audit, type Actor } from '../../db/audit';
import { findFormTemplate, saveTemplateVersion } from '../../db/forms/form-templates';
import type { FormTemplateVersionDoc } from '../../db/models/index';
import { checkFormTemplate, type DraftField } from '../../domain/forms/check-form-template';

export type SaveTemplateResult = { ok: true; version: FormTemplateVersionDoc } | { ok: false; errors: Record<string, string> };

export async function saveFormTemplate(o: { templateId?: Types.ObjectId; name: string; intake: boolean; fields: DraftField[]; actor: Actor; now?: Date }): Promise<SaveTemplateResult> {
  const checked = checkFormTemplate(o.name, o.fields);
  if (!checked.ok) return checked;
  const existing = o.templateId ? await findFormTemplate(o.templateId) : null;
  if (o.templateId && !existing) return { ok: false, errors: { form: 'This template was removed.' } };
  const version = await saveTemplateVersion({ templateId: o.templateId, name: checked.name, intake: o.intake, fields: checked.fields, by: { id: o.actor.id, name: o.actor.name }, now: o.now ?? new Date(), expectedVersion: existing?.currentVersion ?? 0 });
  if (!version) return { ok: false, errors: { form: 'Someone else saved this template meanwhile. Reload it to see their version, then make your change again.' } };
  await audit(o.actor, existing ? 'form-template.edit' : 'form-template.create', { type: 'FormTemplate', id: version.templateId }, { version: version.version, fields: checked.fields.length });
  return { ok: true, version };
}
