// Documents for some demo contacts, so Download All, the case's Contact
// Documents tab and the document list can be tried right after npm start:
// every twentieth contact among the first DEMO_DOCUMENT_CONTACTS gets four
// small files, two of them sharing a name (the bundle numbers them).
// Deterministic, so a retried batch writes the same.
import { demoId } from './demo-ids';

export const DEMO_DOCUMENT_EVERY = 20;
// Only the first contacts get files: every twentieth of a million was 200,000 files written one by one,
// most of a million-contact seed's time (19 min instead of 5). 250 contacts with files are plenty to try them.
export const DEMO_DOCUMENT_CONTACTS = 5_000;

/** A one-page PDF that says `text` (valid enough for every viewer). */
function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export type DemoDocument = { id: string; storageKey: string; name: string; mimeType: string; data: Buffer; at: Date };

export function generateDemoDocuments(seed: number, contactIndex: number, contactName: string): DemoDocument[] {
  if (contactIndex % DEMO_DOCUMENT_EVERY !== 0 || contactIndex >= DEMO_DOCUMENT_CONTACTS) return [];
  const files = [
    { name: 'Retainer agreement.pdf', mimeType: 'application/pdf', data: tinyPdf(`Retainer agreement - ${contactName}`) },
    { name: 'Scan.pdf', mimeType: 'application/pdf', data: tinyPdf(`Photo ID - ${contactName}`) },
    { name: 'Scan.pdf', mimeType: 'application/pdf', data: tinyPdf(`Proof of address - ${contactName}`) },
    { name: 'Intake notes.txt', mimeType: 'text/plain', data: Buffer.from(`Intake call with ${contactName}.\nAsked for copies of every filing.\n`) },
  ];
  return files.map((f, k) => ({
    ...f,
    id: demoId('document', seed, contactIndex * 8 + k),
    storageKey: demoId('file', seed, contactIndex * 8 + k),
    at: new Date(Date.UTC(2026, 0, 5 + k, 15)),
  }));
}
