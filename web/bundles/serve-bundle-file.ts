import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { audit } from '../../db/audit';
import { countBundleDownload } from '../../db/bundles/bundles';
import type { BundleDoc } from '../../db/models/index';
import { parseByteRange } from '../../domain/documents/byte-range';
import { contentDisposition } from '../../domain/documents/safe-file-name';
import { requestAddress } from '../auth/client-address';
import type { AppEnv } from '../env';

/**
 * A ready bundle's zip, streamed with its length, its name, and HTTP Range
 * (with If-Range on the ETag), so an interrupted download resumes where it
 * stopped. Every download is audited: who, when, from where, which bytes.
 */
export async function serveBundleFile(c: Context<AppEnv>, bundle: BundleDoc, via: 'page' | 'link'): Promise<Response> {
  const size = bundle.size ?? 0;
  const etag = `"${bundle._id}-${size}"`;
  const ifRange = c.req.header('If-Range');
  const range = ifRange && ifRange !== etag ? { kind: 'whole' as const } : parseByteRange(c.req.header('Range'), size);
  c.header('Accept-Ranges', 'bytes');
  c.header('ETag', etag);
  c.header('Cache-Control', 'private, no-store');
  c.header('Referrer-Policy', 'no-referrer');
  if (range.kind === 'unsatisfiable') {
    c.header('Content-Range', `bytes */${size}`);
    return c.body(null, 416);
  }
  const part = range.kind === 'part' ? { start: range.start, end: range.end } : undefined;
  const { stream: data } = await c.get('services').storage.get(bundle.storageKey!, part);
  const user = c.get('user')!;
  await countBundleDownload(bundle._id);
  await audit(user, 'bundle.download', { type: 'Bundle', id: bundle._id }, { via, from: requestAddress(c), userAgent: c.req.header('User-Agent')?.slice(0, 200), range: part ? `${part.start}-${part.end}` : 'all' });
  c.header('Content-Type', 'application/zip');
  c.header('Content-Disposition', contentDisposition('attachment', bundle.fileName));
  c.header('Content-Length', String(part ? part.end - part.start + 1 : size));
  if (part) {
    c.status(206);
    c.header('Content-Range', `bytes ${part.start}-${part.end}/${size}`);
  }
  return stream(c, async (out) => {
    // A download stopped by the browser ends the stream, which ends the storage read with it.
    out.onAbort(() => void data.destroy());
    for await (const chunk of data) await out.write(chunk as Uint8Array);
  });
}
