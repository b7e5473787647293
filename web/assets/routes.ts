import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { appFile } from '../../config/app-files';
import { config } from '../../config/config';

// Front-end files are served from installed packages, never a CDN: the
// product must work on a closed network under a strict CSP.
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'trix.umd.min.js': { file: require.resolve('trix/dist/trix.umd.min.js'), type: 'text/javascript' },
  'trix.css': { file: require.resolve('trix/dist/trix.css'), type: 'text/css' },
  'app.css': { file: appFile('views', 'assets', 'app.css'), type: 'text/css' },
  'app.js': { file: appFile('views', 'assets', 'app.js'), type: 'text/javascript' },
};

const cache = new Map<string, Buffer>();

export const assetRoutes = new Hono();

assetRoutes.get('/:name', (c) => {
  const asset = ASSETS[c.req.param('name')];
  if (!asset) return c.notFound();
  let body = cache.get(asset.file);
  if (!body) {
    body = readFileSync(asset.file);
    if (config.NODE_ENV !== 'development') cache.set(asset.file, body); // read again on each request only while developing
  }
  c.header('Content-Type', `${asset.type}; charset=utf-8`);
  c.header('Cache-Control', config.NODE_ENV === 'production' ? 'public, max-age=86400' : 'no-cache');
  return c.body(new Uint8Array(body));
});
