import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../env';
import { handleError } from './handle-error';

describe('handleError', () => {
  const app = new Hono<AppEnv>();
  app.get('/db-down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });
  });
  app.get('/bug', () => {
    throw new TypeError('x is undefined');
  });
  app.post('/contacts/x/notes', () => {
    throw new Error('boom');
  });
  app.onError(handleError);

  it('says the database is not answering, as a 503 to retry, when it is down', async () => {
    const res = await app.request('/db-down');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('5');
    const html = await res.text();
    expect(html).toMatch(/The database is not answering right now, so this was not done/);
    expect(html).not.toMatch(/ECONNREFUSED|at .+\.ts:\d+/);
  });

  it('keeps the general apology for anything else', async () => {
    const res = await app.request('/bug');
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/Something went wrong on our side/);
  });

  it('offers the page the request came from, to try again, but never another site', async () => {
    const back = await app.request('http://localhost/contacts/x/notes', { method: 'POST', headers: { Referer: 'http://localhost/contacts/x?tab=notes' } });
    expect(await back.text()).toContain('href="/contacts/x?tab=notes">Back, to try again</a>');
    const elsewhere = await (await app.request('http://localhost/contacts/x/notes', { method: 'POST', headers: { Referer: 'https://evil.example/contacts/x' } })).text();
    expect(elsewhere).not.toContain('evil.example');
    expect(elsewhere).not.toContain('Back, to try again');
  });
});
