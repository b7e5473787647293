// The kinds a document list can be filtered by, from the sniffed MIME type:
// what staff think in ("the PDFs", "the photos"), not MIME names.
export const DOCUMENT_KINDS = ['pdf', 'image', 'office', 'text', 'media', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  pdf: 'PDF',
  image: 'Images',
  office: 'Office documents',
  text: 'Text and CSV',
  media: 'Audio and video',
  other: 'Other',
};

export function documentKindOf(mimeType: string): DocumentKind {
  const type = mimeType.toLowerCase().split(';')[0]!.trim();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/') || type.startsWith('video/')) return 'media';
  if (type.startsWith('text/') || type === 'application/json') return 'text';
  if (/^application\/(msword|vnd\.ms-|vnd\.openxmlformats-officedocument\.|vnd\.oasis\.opendocument\.|rtf)/.test(type)) return 'office';
  return 'other';
}
