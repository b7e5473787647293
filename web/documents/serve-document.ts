import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import type { DocumentDoc } from '../../db/models/index';
import { contentDisposition } from '../../domain/documents/safe-file-name';
import type { AppEnv } from '../env';

// Images and PDFs open in the browser unless a download is asked for; everything else downloads.
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A stored document's bytes, streamed from storage (a contact's from their profile, a case's own from its tab). */
export async function serveDocument(c: Context<{ Variables: Pick<AppEnv['Variables'], 'services'> }>, doc: DocumentDoc, o: { download: boolean }): Promise<Response> {
  const { stream: data, size } = await c.get('services').storage.get(doc.storageKey);
  const inline = INLINE_TYPES.has(doc.mimeType) && !o.download;
  c.header('Content-Type', doc.mimeType);
  c.header('Content-Length', String(size));
  c.header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', doc.name));
  c.header('Cache-Control', 'private, no-store');
  // Served files never run as part of our origin.
  c.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  return stream(c, async (out) => {
    // A download stopped by the browser ends the stream, which ends the storage read with it.
    out.onAbort(() => void data.destroy());
    for await (const chunk of data) await out.write(chunk as Uint8Array);
  });
}
