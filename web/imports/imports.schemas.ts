import { z } from 'zod';
import { IMPORT_FIELD_KEYS, fieldLabel, type ColumnMapping } from '../../domain/imports/import-fields';
import { IMPORT_POLICIES, type ImportPolicy } from '../../domain/imports/combine-import-row';
import { DELIMITERS } from '../../domain/imports/detect-delimiter';

export const ENCODINGS = [
  { key: 'utf-8', label: 'UTF-8' },
  { key: 'utf-16le', label: 'UTF-16 (little-endian)' },
  { key: 'utf-16be', label: 'UTF-16 (big-endian)' },
  { key: 'windows-1252', label: 'Windows-1252 / Latin-1 (Western European)' },
] as const;
export const DELIMITER_LABELS: Record<string, string> = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab', '|': 'Pipe (|)' };

export const readOptionsForm = z.object({
  encoding: z.enum(ENCODINGS.map((e) => e.key) as [string, ...string[]]).optional().catch(undefined),
  delimiter: z.enum(DELIMITERS as unknown as [string, ...string[]]).optional().catch(undefined),
  sheet: z.coerce.number().int().min(0).max(500).optional().catch(undefined),
});

export type MappingFormResult = { ok: true; mapping: ColumnMapping; policy: ImportPolicy; dateOrder: 'mdy' | 'dmy'; saveAs?: string } | { ok: false; errors: Record<string, string>; mapping: ColumnMapping; policy?: string; dateOrder?: string; saveAs?: string };

/** The mapping form as sent: col0…colN (a field per column), the policy, the date order, a name to save the mapping under; parseMappingForm checks it against the file's columns. */
export const mappingForm = z.object({ policy: z.string().optional(), dateOrder: z.string().optional(), saveAs: z.string().optional() }).catchall(z.unknown());

/** The mapping step: a field per column, the duplicate policy, how to read dates, and an optional name to save the mapping under. */
export function parseMappingForm(body: Record<string, unknown>, columns: number): MappingFormResult {
  const errors: Record<string, string> = {};
  const mapping: ColumnMapping = Array.from({ length: columns }, (_, i) => {
    const v = typeof body[`col${i}`] === 'string' ? (body[`col${i}`] as string) : '';
    return (IMPORT_FIELD_KEYS.has(v) ? v : '') as ColumnMapping[number];
  });
  const policy = typeof body.policy === 'string' ? body.policy : '';
  const dateOrder = body.dateOrder === 'dmy' ? 'dmy' : 'mdy';
  const saveAs = typeof body.saveAs === 'string' ? body.saveAs.trim().slice(0, 80) : '';
  if (!IMPORT_POLICIES.some((p) => p.key === policy)) errors.policy = 'Choose what to do with duplicates.';
  if (!mapping.some((f) => f === 'firstName' || f === 'lastName' || f === 'fullName')) errors.mapping = 'Match a column to First name, Last name or Full name: every contact needs a name.';
  const seen = new Map<string, number>();
  mapping.forEach((f, i) => {
    if (!f) return;
    if (seen.has(f)) errors[`col${i}`] = `Column ${seen.get(f)! + 1} is already matched to ${fieldLabel(f)}.`;
    else seen.set(f, i);
  });
  if (Object.keys(errors).length) return { ok: false, errors, mapping, policy, dateOrder, saveAs };
  return { ok: true, mapping, policy: policy as ImportPolicy, dateOrder, saveAs: saveAs || undefined };
}

export const rowsQuery = z.object({
  outcome: z.enum(['created', 'updated', 'merged', 'skipped', 'failed']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
