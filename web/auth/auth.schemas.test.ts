import { describe, expect, it } from 'vitest';
import { safeNext } from './auth.schemas';

describe('safeNext', () => {
  it.each(['/contacts?q=smith', '/cases/65a000000000000000000001#contacts', '/settings/import'])('follows a path on this site: %s', (next) => {
    expect(safeNext(next)).toBe(next);
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example', // browsers drop the tab: //evil.example
    '/\n/evil.example',
    '\t//evil.example',
    'javascript:alert(1)',
  ])('goes to the contacts instead of %j', (next) => {
    expect(safeNext(next)).toBe('/contacts');
  });

  it('keeps carriage returns and line feeds percent-encoded, so they never reach a response header', () => {
    const target = safeNext('/contacts\r\nSet-Cookie: stolen=1');
    expect(target).not.toMatch(/[\r\n]/);
    expect(target.startsWith('/contacts')).toBe(true);
  });
});
