import { fileTypeFromBuffer } from 'file-type';
import { createHash } from 'node:crypto';
import { safeFileName } from '../../domain/documents/safe-file-name';

// Types staff send and receive in legal work. Checked against the bytes, not
// the name or the browser's claim. Compound (OLE) files are not among them:
// the bytes cannot tell an old .doc from an MSI installer or a macro-laden
// workbook, and nothing here scans them; staff save them as .docx/.xlsx/PDF.
const ALLOWED_SNIFFED = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/heic', 'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword', 'application/vnd.ms-outlook', 'message/rfc822', 'application/rtf', 'audio/mpeg', 'audio/wav', 'audio/x-m4a', 'video/mp4',
]);
const TEXT_EXTENSIONS: Record<string, string> = { txt: 'text/plain', csv: 'text/csv', md: 'text/plain', eml: 'message/rfc822' };

export type AcceptedUpload = { ok: true; name: string; mimeType: string; sha256: string; bytes: Buffer } | { ok: false; name: string; reason: string };

export async function acceptUpload(file: File, maxBytes: number): Promise<AcceptedUpload> {
  const name = safeFileName(file.name);
  if (file.size === 0) return { ok: false, name, reason: 'The file is empty.' };
  if (file.size > maxBytes) return { ok: false, name, reason: `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.` };
  const bytes = Buffer.from(await file.arrayBuffer());
  const sniffed = await fileTypeFromBuffer(bytes);
  let mimeType = sniffed?.mime as string | undefined;
  if (!mimeType) {
    const ext = name.split('.').pop()?.toLowerCase() ?? '';
    const textType = TEXT_EXTENSIONS[ext];
    if (textType && isUtf8Text(bytes)) mimeType = textType;
  }
  if (mimeType === 'application/x-cfb') {
    return { ok: false, name, reason: 'Old-style Office files (.doc, .xls, .msg) and installers are not accepted: they can carry macros. Save it as .docx, .xlsx or PDF and upload that.' };
  }
  if (!mimeType || !ALLOWED_SNIFFED.has(mimeType) && !Object.values(TEXT_EXTENSIONS).includes(mimeType)) {
    return { ok: false, name, reason: `This kind of file (${sniffed?.ext ?? 'unknown'}) is not accepted. Send PDF, images, Office documents, audio, video or plain text.` };
  }
  return { ok: true, name, mimeType, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
