// A submitted form as the lines its PDF prints: each shown field's label and
// answer in words (a choice as chosen, yes/no as Yes/No, an address on one
// line, a file by its name, a signature as the drawn image or the typed name).
import { formatAddress } from '../contacts/format-address';
import { ADDRESS_KEYS, visibleFields, type FormAnswers, type FormField } from './form-fields';

export type PdfLine = { kind: 'heading'; text: string } | { kind: 'answer'; label: string; text: string } | { kind: 'signature'; label: string; png?: string; typed?: string };

export function formPdfLines(fields: readonly FormField[], answers: FormAnswers, fileNames: ReadonlyMap<string, string>): PdfLine[] {
  const lines: PdfLine[] = [];
  for (const f of visibleFields(fields, answers)) {
    const v = answers[f.key];
    if (f.type === 'heading') lines.push({ kind: 'heading', text: f.label });
    else if (f.type === 'signature') lines.push(typeof v === 'string' && v.startsWith('data:image/png') ? { kind: 'signature', label: f.label, png: v } : { kind: 'signature', label: f.label, typed: typeof v === 'string' ? v : '' });
    else if (f.type === 'address') lines.push({ kind: 'answer', label: f.label, text: formatAddress(Object.fromEntries(ADDRESS_KEYS.map((k) => [k, String(answers[`${f.key}:${k}`] ?? '')]))) || '—' });
    else if (f.type === 'yes-no') lines.push({ kind: 'answer', label: f.label, text: v === 'yes' ? 'Yes' : v === 'no' ? 'No' : '—' });
    else if (f.type === 'file') lines.push({ kind: 'answer', label: f.label, text: typeof v === 'string' && v ? `File: ${fileNames.get(v) ?? 'sent'}` : '—' });
    else lines.push({ kind: 'answer', label: f.label, text: (Array.isArray(v) ? v.join(', ') : v) || '—' });
  }
  return lines;
}
