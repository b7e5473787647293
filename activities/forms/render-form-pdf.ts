// A submission rendered as a PDF with pdf-lib and stored in the contact's
// and the case's documents. Its document id is derived from the
// submission's, so a retried step stores it once.
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { audit } from '../../db/audit';
import { addLinkedRecords } from '../../db/contacts/contact-links';
import { findCase } from '../../db/cases/cases';
import { findContact } from '../../db/contacts/contacts';
import { addCaseDocument, findDocument, findDocumentsByIds, insertDocumentOnce } from '../../db/documents/documents';
import { findTemplateVersion } from '../../db/forms/form-templates';
import { findFormRequest, findFormSubmission, setSubmissionPdf } from '../../db/forms/form-requests';
import { config } from '../../config/config';
import { displayName } from '../../domain/contacts/contact-search-keys';
import { formPdfLines, type PdfLine } from '../../domain/forms/form-pdf-lines';
import { displayFormat } from '../../domain/text/display-format';
import { todayIn } from '../../domain/tasks/task-due';
import type { Storage } from '../../storage/storage';

const pdfDocumentId = (submissionId: Types.ObjectId) => new Types.ObjectId(createHash('sha256').update(`form-pdf:${submissionId}`).digest('hex').slice(0, 24));

/** The standard PDF fonts cover Latin text (WinAnsi); any other character prints as "?" rather than failing the render. */
function printable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += ch === '\n' ? '\n' : '?';
    }
  }
  return out;
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        if (line) lines.push(line);
        // A word longer than the line is cut where it must be.
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

export async function buildFormPdf(o: { title: string; subtitle: string[]; lines: PdfLine[] }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(o.title);
  pdf.setProducer('Casebook');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  let page: PDFPage = pdf.addPage([612, 792]);
  let y = 792 - margin;
  const width = 612 - 2 * margin;
  const need = (h: number) => {
    if (y - h < margin) {
      page = pdf.addPage([612, 792]);
      y = 792 - margin;
    }
  };
  const text = (t: string, font: PDFFont, size: number, color = rgb(0.1, 0.1, 0.1)) => {
    for (const line of wrap(font, size, printable(font, t), width)) {
      need(size + 4);
      page.drawText(line, { x: margin, y: y - size, size, font, color });
      y -= size + 4;
    }
  };
  text(o.title, bold, 18);
  for (const s of o.subtitle) text(s, regular, 10, rgb(0.35, 0.35, 0.35));
  y -= 10;
  for (const line of o.lines) {
    if (line.kind === 'heading') {
      y -= 8;
      text(line.text, bold, 13);
      continue;
    }
    text(line.label, bold, 10, rgb(0.3, 0.3, 0.3));
    if (line.kind === 'answer') text(line.text, regular, 11);
    else if (line.png) {
      const image = await pdf.embedPng(Buffer.from(line.png.slice(line.png.indexOf(',') + 1), 'base64'));
      const scale = Math.min(1, 240 / image.width, 90 / image.height);
      need(image.height * scale + 6);
      page.drawImage(image, { x: margin, y: y - image.height * scale, width: image.width * scale, height: image.height * scale });
      y -= image.height * scale + 6;
    } else text(line.typed ? `Signed by typing the name: ${line.typed}` : '—', regular, 11);
    y -= 6;
  }
  return pdf.save();
}

export async function renderFormSubmissionPdf(submissionId: Types.ObjectId, o: { storage: Storage }): Promise<{ documentId?: string }> {
  const submission = await findFormSubmission(submissionId);
  // An intake's PDF is made once staff have linked or created its contact (it is stored in the contact's documents).
  if (!submission || !submission.contactId) return {};
  if (submission.pdfDocumentId) return { documentId: String(submission.pdfDocumentId) };
  const docId = pdfDocumentId(submission._id);
  const existing = await findDocument(docId);
  if (!existing) {
    const [request, version, contact, kase] = await Promise.all([findFormRequest(submission.requestId), findTemplateVersion(submission.versionId), findContact(submission.contactId!), findCase(submission.caseId)]);
    if (!request || !version || !contact) return {};
    const fileIds = Object.values(submission.answers).flat().filter((v) => /^[0-9a-f]{24}$/.test(v));
    const files = new Map((await findDocumentsByIds(fileIds.map((id) => new Types.ObjectId(id)))).map((d) => [String(d._id), d.name]));
    const fmt = displayFormat({ timeZone: config.FIRM_TIMEZONE, region: config.DEFAULT_PHONE_REGION });
    const bytes = await buildFormPdf({
      title: request.name,
      subtitle: [`${displayName(contact)}${kase ? ` · case ${kase.number} ${kase.title}` : ''}`, `Submitted ${fmt.time(submission.submittedAt)} on the ${config.FIRM_NAME} client portal · form version ${version.version}${submission.n > 1 ? ` · submission ${submission.n}` : ''}`],
      lines: formPdfLines(version.fields, submission.answers, files),
    });
    const buffer = Buffer.from(bytes);
    const name = `${request.name.replace(/[\\/:*?"<>|]+/g, ' ').trim()} (submitted ${todayIn(config.FIRM_TIMEZONE, submission.submittedAt)}).pdf`;
    const stored = await o.storage.put(buffer, { filename: name, contentType: 'application/pdf' });
    const createdAt = new Date();
    await insertDocumentOnce({ _id: docId, contactId: contact._id, caseId: submission.caseId, storageKey: stored.key, name, size: stored.size, mimeType: 'application/pdf', sha256: createHash('sha256').update(buffer).digest('hex'), uploadedByName: 'Casebook (form)', createdAt });
    // If another try stored it first, this copy's bytes are not referenced: remove them.
    const kept = await findDocument(docId);
    if (kept && kept.storageKey !== stored.key) await o.storage.delete(stored.key);
    await audit(undefined, 'form.pdf', { type: 'Case', id: submission.caseId }, { submissionId: String(submission._id), documentId: String(docId) });
  }
  // Listed in the contact's and the case's documents (adding twice is a no-op, so a retry after a crash here completes it).
  const doc = (await findDocument(docId))!;
  await addLinkedRecords('document', submission.contactId!, [{ id: docId, at: doc.createdAt }]);
  await addCaseDocument(submission.caseId, { _id: docId, createdAt: doc.createdAt });
  await setSubmissionPdf(submission._id, docId);
  return { documentId: String(docId) };
}
