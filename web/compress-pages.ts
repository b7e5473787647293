import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

// What a page, fragment or asset is; downloads, exports and document files are streamed as they are.
const PAGE_TYPES = /^(text\/html|text\/css|text\/javascript|application\/json)\b/;
const MIN_BYTES = 2048;
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Gzips pages, htmx fragments and assets whole, with node's zlib at level 4.
 * hono/compress pushes every response through a CompressionStream, which
 * the load bench measured as the web server's largest CPU cost (a tenth of
 * it, about six times gzip's own work on a page). These bodies are small
 * and already complete, so nothing is lost by compressing them in one go;
 * streamed responses (exports, downloads) are left alone.
 */
export function compressPages(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (!PAGE_TYPES.test(type) || !res.body || c.req.method === 'HEAD' || res.status === 206) return;
    // An attachment (a document that is HTML) is streamed; a body already encoded or marked no-transform stays as it is.
    if (res.headers.has('Content-Encoding') || res.headers.has('Content-Disposition') || /no-transform/i.test(res.headers.get('Cache-Control') ?? '')) return;
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return;
    if (Number(res.headers.get('Content-Length') ?? 0) > MAX_BYTES) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (!/\baccept-encoding\b/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
    const zipped = body.length < MIN_BYTES ? undefined : await gzipAsync(body, { level: 4 });
    if (zipped) {
      headers.set('Content-Encoding', 'gzip');
      headers.set('Content-Length', String(zipped.length));
    }
    c.res = undefined; // Hono merges the old headers into a replaced response unless the old one is cleared first
    c.res = new Response(zipped ?? body, { status: res.status, statusText: res.statusText, headers });
  };
}

/** Whether the client takes gzip (listed, or by "*", and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}
