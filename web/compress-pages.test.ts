import { Hono } from 'hono';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, compressPages } from './compress-pages';

describe('compressPages', () => {
  const page = `<!doctype html><title>Contacts</title>${'<tr><td>Smith, Ann</td><td>(312) 750-8527</td></tr>'.repeat(200)}`;
  const app = new Hono();
  app.use('*', compressPages());
  app.get('/page', (c) => c.html(page));
  app.get('/cookies', (c) => {
    c.header('Set-Cookie', 'a=1; Path=/', { append: true });
    c.header('Set-Cookie', 'b=2; Path=/', { append: true });
    return c.html(page);
  });
  app.get('/small', (c) => c.html('<p>ok</p>'));
  app.get('/file', (c) => {
    c.header('Content-Disposition', 'attachment; filename="a.html"');
    return c.html(page);
  });
  app.get('/export', (c) => c.body('a,b\n'.repeat(2000), 200, { 'Content-Type': 'text/csv' }));

  it('gzips a page whole for a client that takes gzip, and the page reads back the same', async () => {
    const res = await app.request('/page', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    const zipped = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('Content-Length'))).toBe(zipped.length);
    expect(zipped.length).toBeLessThan(page.length / 5);
    expect(gunzipSync(zipped).toString()).toBe(page);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
  });

  it('keeps every cookie the page sets', async () => {
    const res = await app.request('/cookies', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('leaves alone small pages, clients without gzip, attachments and exports', async () => {
    const small = await app.request('/small', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(small.headers.get('Content-Encoding')).toBeNull();
    expect(small.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await small.text()).toBe('<p>ok</p>');
    const plain = await app.request('/page', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(await plain.text()).toBe(page);
    expect((await app.request('/file', { headers: { 'Accept-Encoding': 'gzip' } })).headers.get('Content-Encoding')).toBeNull();
    expect((await app.request('/export', { headers: { 'Accept-Encoding': 'gzip' } })).headers.get('Content-Encoding')).toBeNull();
  });

  it('reads Accept-Encoding as HTTP means it', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('deflate, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
