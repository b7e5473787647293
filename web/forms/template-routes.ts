import { Hono, type Context } from 'hono';
import { Types } from 'mongoose';
import { saveFormTemplate } from '../../activities/forms/save-form-template';
import { audit } from '../../db/audit';
import { findFormTemplate, findTemplateVersion, listFormTemplates, setTemplateArchived, versionIdOf } from '../../db/forms/form-templates';
import type { FormTemplateDoc } from '../../db/models/index';
import { AppError } from '../../domain/app-error';
import type { DraftField } from '../../domain/forms/check-form-template';
import { CONTACT_TARGET_LABELS, CONTACT_TARGETS, FIELD_TYPE_LABELS, FIELD_TYPES, type FormField } from '../../domain/forms/form-fields';
import type { AppEnv } from '../env';
import { render } from '../render';

/**
 * Admin → Form templates: the builder. A template is a list of fields, each
 * a row of plain inputs (type, label, help, required, choices, a condition,
 * the contact field it may change), so it is built without JavaScript and
 * from the keyboard; "Add fields" adds empty rows, a row's Remove box and
 * Position number take it out or move it. Saving makes a new version.
 */
export const formTemplateRoutes = new Hono<AppEnv>();

const BLANK_ROWS = 3;
const toDraft = (f: FormField): DraftField => ({ key: f.key, type: f.type, label: f.label, help: f.help, required: f.required, options: (f.options ?? []).join('\n'), showIfKey: f.showIf?.key, showIfEquals: f.showIf?.equals, mapsTo: f.mapsTo });
const blank = (): DraftField => ({ type: 'short-text', label: '' });

function builder(c: Context<AppEnv>, o: { template?: FormTemplateDoc; name: string; intake: boolean; rows: DraftField[]; errors?: Record<string, string>; saved?: number }, status = 200) {
  return render(c, 'forms/template-builder', {
    title: o.template ? `Edit form · ${o.template.name}` : 'New form template', ...o, errors: o.errors ?? {},
    fieldTypes: FIELD_TYPES, fieldTypeLabels: FIELD_TYPE_LABELS, targets: CONTACT_TARGETS, targetLabels: CONTACT_TARGET_LABELS,
    action: o.template ? `/admin/forms/${o.template._id}` : '/admin/forms',
  }, status);
}

/** The builder's rows from the posted form: f.<i>.<part>, ordered by their Position, removed ones left out. */
async function postedRows(c: Context<AppEnv>): Promise<{ name: string; intake: boolean; rows: DraftField[]; adding: boolean }> {
  const body = await c.req.parseBody({ all: true });
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const indexes = [...new Set(Object.keys(body).flatMap((k) => /^f\.(\d{1,3})\./.exec(k)?.[1] ?? []))].map(Number);
  const rows = indexes
    .filter((i) => str(`f.${i}.remove`) !== '1')
    .map((i) => ({ i, pos: Number(str(`f.${i}.position`)) || i + 1, row: { key: str(`f.${i}.key`).slice(0, 40), type: str(`f.${i}.type`), label: str(`f.${i}.label`).slice(0, 300), help: str(`f.${i}.help`).slice(0, 500), required: str(`f.${i}.required`) === '1', options: str(`f.${i}.options`).slice(0, 5000), showIfKey: str(`f.${i}.showIfKey`), showIfEquals: str(`f.${i}.showIfEquals`).slice(0, 200), mapsTo: str(`f.${i}.mapsTo`) } }))
    .sort((a, b) => a.pos - b.pos || a.i - b.i)
    .map((x) => x.row);
  return { name: str('name').slice(0, 200), intake: str('intake') === '1', rows, adding: str('add') === '1' };
}

async function loadTemplate(id: string): Promise<FormTemplateDoc> {
  const t = Types.ObjectId.isValid(id) ? await findFormTemplate(new Types.ObjectId(id)) : null;
  if (!t) throw new AppError('NOT_FOUND', 'There is no such form template.');
  return t;
}

formTemplateRoutes.get('/', async (c) => {
  const [templates, archived] = await Promise.all([listFormTemplates(), listFormTemplates({ archived: true })]);
  const versions = new Map(await Promise.all(templates.map(async (t) => [String(t._id), await findTemplateVersion(versionIdOf(t._id, t.currentVersion))] as const)));
  return render(c, 'forms/templates', { title: 'Form templates', templates, archived, versions, saved: c.req.query('saved') });
});

formTemplateRoutes.get('/new', (c) => builder(c, { name: '', intake: false, rows: Array.from({ length: BLANK_ROWS }, blank) }));

formTemplateRoutes.get('/:id', async (c) => {
  const template = await loadTemplate(c.req.param('id'));
  const version = await findTemplateVersion(versionIdOf(template._id, template.currentVersion));
  return builder(c, { template, name: template.name, intake: template.intake, rows: [...(version?.fields ?? []).map(toDraft), blank()], saved: c.req.query('saved') ? template.currentVersion : undefined });
});

async function save(c: Context<AppEnv>, template?: FormTemplateDoc) {
  const posted = await postedRows(c);
  if (posted.adding) return builder(c, { template, ...posted, rows: [...posted.rows, ...Array.from({ length: BLANK_ROWS }, blank)] });
  const saved = await saveFormTemplate({ templateId: template?._id, name: posted.name, intake: posted.intake, fields: posted.rows, actor: c.get('user')! });
  if (!saved.ok) return builder(c, { template, ...posted, errors: saved.errors }, 422);
  return c.redirect(`/admin/forms/${saved.version.templateId}?saved=1`, 303);
}

formTemplateRoutes.post('/', (c) => save(c));
formTemplateRoutes.post('/:id', async (c) => save(c, await loadTemplate(c.req.param('id'))));

formTemplateRoutes.post('/:id/archive', async (c) => {
  const template = await loadTemplate(c.req.param('id'));
  const archive = (await c.req.parseBody()).archive !== '0';
  await setTemplateArchived(template._id, archive ? new Date() : null);
  await audit(c.get('user')!, archive ? 'form-template.archive' : 'form-template.restore', { type: 'FormTemplate', id: template._id });
  return c.redirect('/admin/forms', 303);
});
