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
export type UploadKind = { ok: true; mimeType: string; text: boolean } | { ok: false; reason: string };

/** Bytes file-type needs to recognise a format (it reads at most this far). */
export const SNIFF_BYTES = 4100;

/**
 * What a file is, from its first bytes and its name: an accepted type, or why
 * not. Text types are accepted by name only when the bytes look like UTF-8
 * text; a streamed upload checks the rest as it arrives (see store-upload-stream.ts).
 */
export async function classifyUpload(name: string, head: Buffer): Promise<UploadKind> {
  const sniffed = await fileTypeFromBuffer(head);
  let mimeType = sniffed?.mime as string | undefined;
  let text = false;
  if (!mimeType) {
    const ext = name.split('.').pop()?.toLowerCase() ?? '';
    const textType = TEXT_EXTENSIONS[ext];
    if (textType && isUtf8Text(head, true)) {
      mimeType = textType;
      text = true;
    }
  }
  if (mimeType === 'application/x-cfb') {
    return { ok: false, reason: 'Old-style Office files (.doc, .xls, .msg) and installers are not accepted: they can carry macros. Save it as .docx, .xlsx or PDF and upload that.' };
  }
  if (!mimeType || (!ALLOWED_SNIFFED.has(mimeType) && !Object.values(TEXT_EXTENSIONS).includes(mimeType))) {
    return { ok: false, reason: `This kind of file (${sniffed?.ext ?? 'unknown'}) is not accepted. Send PDF, images, Office documents, audio, video or plain text.` };
  }
  return { ok: true, mimeType, text };
}

export const tooLarge = (maxBytes: number) => `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`;

/** A whole file in hand (a note's attachment): its size, its type and its text checked at once. */
export async function acceptUpload(file: File, maxBytes: number): Promise<AcceptedUpload> {
  const name = safeFileName(file.name);
  if (file.size === 0) return { ok: false, name, reason: 'The file is empty.' };
  if (file.size > maxBytes) return { ok: false, name, reason: tooLarge(maxBytes) };
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = await classifyUpload(name, bytes);
  if (!kind.ok) return { ok: false, name, reason: kind.reason };
  return { ok: true, name, mimeType: kind.mimeType, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** UTF-8 without NUL bytes; `partial`: the bytes may end inside a character (the head of a longer file). */
export function isUtf8Text(bytes: Buffer, partial = false): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}
