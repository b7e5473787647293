// The manifest inside every bundle (manifest.csv): one row per document the
// bundle was asked for, whether or not its bytes could be read, so whoever
// opens the zip can tell what is in it, what is missing and why. Cells are
// neutralized for spreadsheets (a name like "=HYPERLINK(…)" is shown, not run).
import { neutralizeSpreadsheetCell } from '../export/neutralize-spreadsheet-cell';

export type ManifestRow = {
  zipName: string;
  originalName: string;
  size: number;
  sha256: string;
  mimeType: string;
  uploadedBy: string;
  uploadedAt: Date;
  caseNumber: string;
  /** "included", "missing: <why>" or "included, but …" when the bytes read differ from what was uploaded. */
  status: string;
};

export const MANIFEST_HEADER = ['name in zip', 'original name', 'size (bytes)', 'sha-256', 'type', 'uploaded by', 'uploaded at', 'case', 'status', 'documents as of'];

const cell = (value: string) => {
  const safe = neutralizeSpreadsheetCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The manifest as CSV (UTF-8 with a BOM, so Excel reads accents right); `fixedAt` is when the set of documents was fixed. */
export function manifestCsv(rows: ManifestRow[], fixedAt: Date): string {
  const lines = [MANIFEST_HEADER.map(cell).join(',')];
  for (const r of rows) {
    lines.push([r.zipName, r.originalName, String(r.size), r.sha256, r.mimeType, r.uploadedBy, r.uploadedAt.toISOString(), r.caseNumber, r.status, fixedAt.toISOString()].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function readmeText(o: { title: string; fixedAt: Date; included: number; missing: number }): string {
  return [
    o.title,
    '',
    `This bundle holds the documents as they were at ${o.fixedAt.toISOString()}: documents added or deleted after that are not reflected.`,
    `${o.included} file${o.included === 1 ? '' : 's'} included${o.missing ? `, ${o.missing} missing (see the status column of manifest.csv)` : ''}.`,
    'manifest.csv lists every file with its original name, size, SHA-256, type, who uploaded it and when, and its case.',
    '',
  ].join('\r\n');
}
