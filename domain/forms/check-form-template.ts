// A template as staff built it in the dashboard, checked before it is saved
// as a new version: every field labelled, keys unique, choices with options,
// a condition only on an earlier choice field and one of its answers, a
// contact mapping only from a field type that can fill it.
import { CONDITION_TYPES, FIELD_TYPES, hasOptions, TARGET_TYPES, type ContactTarget, type FieldType, type FormField } from './form-fields';

export const FORM_MAX_FIELDS = 80;
export const FORM_NAME_MAX = 120;

export type DraftField = { key?: string; type?: string; label?: string; help?: string; required?: boolean; options?: string; showIfKey?: string; showIfEquals?: string; mapsTo?: string };
export type TemplateCheck = { ok: true; name: string; fields: FormField[] } | { ok: false; errors: Record<string, string> };

/** A key made from the label ("Date of birth" -> "date_of_birth"), unique in the form. */
export function keyFromLabel(label: string, taken: Set<string>): string {
  const base = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'field';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

export const optionsOf = (text: string | undefined) => [...new Set((text ?? '').split(/\r?\n/).map((o) => o.trim()).filter(Boolean))].slice(0, 50);

export function checkFormTemplate(name: string, drafts: DraftField[]): TemplateCheck {
  const errors: Record<string, string> = {};
  const trimmedName = name.trim();
  if (!trimmedName) errors.name = 'Give the form a name.';
  else if (trimmedName.length > FORM_NAME_MAX) errors.name = `A name can be at most ${FORM_NAME_MAX} characters.`;
  const rows = drafts.filter((d) => (d.label ?? '').trim() || (d.type && d.type !== 'short-text') || (d.options ?? '').trim());
  if (!rows.length) errors.fields = 'Add at least one field.';
  if (rows.length > FORM_MAX_FIELDS) errors.fields = `A form can have at most ${FORM_MAX_FIELDS} fields.`;
  const taken = new Set<string>();
  const fields: FormField[] = [];
  const mapped = new Set<string>();
  rows.forEach((d, i) => {
    const at = (what: string) => `field.${i}.${what}`;
    const type = (FIELD_TYPES as readonly string[]).includes(d.type ?? '') ? (d.type as FieldType) : undefined;
    if (!type) return void (errors[at('type')] = 'Choose a field type.');
    const label = (d.label ?? '').trim().slice(0, 300);
    if (!label) errors[at('label')] = type === 'heading' ? 'Give the section a title.' : 'Give the field a label.';
    let key = (d.key ?? '').trim();
    if (key && !/^[a-z][a-z0-9_]{0,39}$/.test(key)) errors[at('key')] = 'A key is lower-case letters, digits and _ (it names the answer).';
    if (key && taken.has(key)) errors[at('key')] = 'Another field has this key.';
    if (!key) key = keyFromLabel(label, taken);
    taken.add(key);
    const field: FormField = { key, type, label };
    const help = (d.help ?? '').trim().slice(0, 500);
    if (help) field.help = help;
    if (d.required && type !== 'heading') field.required = true;
    if (hasOptions(type)) {
      const options = optionsOf(d.options);
      if (options.length < 2) errors[at('options')] = 'Give at least two choices, one per line.';
      field.options = options;
    }
    const showIfKey = (d.showIfKey ?? '').trim();
    if (showIfKey) {
      // Staff name the earlier field by its key or its label (a new field's key is made only when it is saved).
      const on = fields.find((f) => f.key === showIfKey) ?? fields.find((f) => f.label.toLowerCase() === showIfKey.toLowerCase());
      const equals = (d.showIfEquals ?? '').trim();
      const answers = on ? (on.type === 'yes-no' ? ['yes', 'no'] : on.options ?? []) : [];
      if (!on || !CONDITION_TYPES.includes(on.type)) errors[at('showIf')] = 'A condition can only test an earlier choice or yes/no field.';
      else if (!answers.includes(equals)) errors[at('showIf')] = `Choose one of its answers: ${answers.join(', ')}.`;
      else field.showIf = { key: on.key, equals };
    }
    const mapsTo = (d.mapsTo ?? '').trim();
    if (mapsTo) {
      const allowed = TARGET_TYPES[mapsTo as ContactTarget];
      if (!allowed) errors[at('mapsTo')] = 'Choose a contact field.';
      else if (!allowed.includes(type)) errors[at('mapsTo')] = `Only a ${allowed.join(' or ')} field can fill this contact field.`;
      else if (mapped.has(mapsTo)) errors[at('mapsTo')] = 'Another field already fills this contact field.';
      else {
        mapped.add(mapsTo);
        field.mapsTo = mapsTo as ContactTarget;
      }
    }
    fields.push(field);
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, name: trimmedName, fields };
}
