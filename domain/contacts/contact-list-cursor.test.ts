import { describe, expect, it } from 'vitest';
import { decodeListCursor, encodeListCursor } from './contact-list-cursor';

describe('contact list cursor', () => {
  it('round-trips any sort name, accents and other scripts included, as URL-safe text', () => {
    for (const name of ['m', 'smith ann', 'müller zoë', '名前 太郎', '~']) {
      const cursor = encodeListCursor(name, '65a000000000000000000001');
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeListCursor(cursor)).toEqual([name, '65a000000000000000000001']);
    }
  });

  it('restarts at the first page for a tampered or foreign cursor', () => {
    expect(decodeListCursor(undefined)).toBeUndefined();
    expect(decodeListCursor('not a cursor!')).toBeUndefined();
    expect(decodeListCursor(encodeListCursor('smith', 'x'.repeat(24)))).toBeUndefined();
    expect(decodeListCursor(btoa(JSON.stringify({ sortName: 'a' })))).toBeUndefined();
  });
});
