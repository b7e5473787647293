import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { appFile } from '../../config/app-files';
import { config } from '../../config/config';

// The portal's own small stylesheet and script, from this server only (no
// third-party assets): the page weight of a portal page stays far under
// 100 KB on a slow phone connection. No htmx here: pages are plain forms.
const FILES: Record<string, { file: string; type: string }> = {
  'portal.css': { file: appFile('views', 'assets', 'portal.css'), type: 'text/css' },
  'portal.js': { file: appFile('views', 'assets', 'portal.js'), type: 'text/javascript' },
  // Drawn signatures on forms (loaded only by a form with a signature field).
  'signature-pad.js': { file: join(dirname(createRequire(import.meta.url).resolve('signature_pad')), 'signature_pad.umd.min.js'), type: 'text/javascript' },
};
const cache = new Map<string, Buffer>();

export const portalAssetRoutes = new Hono();

// The firm's colour, as a stylesheet: the CSP allows no inline styles.
portalAssetRoutes.get('/theme.css', (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', config.NODE_ENV === 'production' ? 'public, max-age=3600' : 'no-cache');
  return c.body(`:root{--brand:${config.FIRM_COLOR}}\n`);
});

portalAssetRoutes.get('/:name', (c) => {
  const asset = FILES[c.req.param('name')];
  if (!asset) return c.notFound();
  let body = cache.get(asset.file);
  if (!body) {
    body = readFileSync(asset.file);
    if (config.NODE_ENV !== 'development') cache.set(asset.file, body);
  }
  c.header('Content-Type', `${asset.type}; charset=utf-8`);
  c.header('Cache-Control', config.NODE_ENV === 'production' ? 'public, max-age=86400' : 'no-cache');
  return c.body(new Uint8Array(body));
});
