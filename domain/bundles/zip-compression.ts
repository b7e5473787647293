// Whether a file is stored as it is in the bundle or deflated: deflating a
// PDF, a photo, an Office file (itself a zip) or a video costs CPU and saves
// next to nothing, so those are stored; text, CSV, HTML and the like shrink.
const STORED_TYPES = new Set([
  'application/pdf',
  'application/zip',
  'application/x-zip-compressed',
  'application/gzip',
  'application/x-7z-compressed',
  'application/vnd.rar',
  'application/msword', // old Office files compress, but are rare and small; kept with the rest of Office for predictability
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);

export function storeUncompressed(mimeType: string): boolean {
  const type = mimeType.toLowerCase().split(';')[0]!.trim();
  if (STORED_TYPES.has(type)) return true;
  if (type.startsWith('application/vnd.openxmlformats-officedocument.') || type.startsWith('application/vnd.oasis.opendocument.')) return true;
  if (type.startsWith('image/')) return type !== 'image/svg+xml' && type !== 'image/bmp' && type !== 'image/tiff';
  return type.startsWith('audio/') || type.startsWith('video/');
}
