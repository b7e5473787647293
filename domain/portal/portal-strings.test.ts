import { describe, expect, it } from 'vitest';
import { portalErrorHeadingKey, portalText } from './portal-strings';

describe('portal error headings', () => {
  it('names what happened: a missing page, a refused form, a bad request, our own failure', () => {
    expect(portalText(portalErrorHeadingKey(404))).toBe('Not found');
    expect(portalText(portalErrorHeadingKey(403))).toBe('Not allowed');
    expect(portalText(portalErrorHeadingKey(413))).toBe('Check and try again');
    expect(portalText(portalErrorHeadingKey(500))).toBe('Something went wrong');
    expect(portalText(portalErrorHeadingKey(503))).toBe('Something went wrong');
  });
});
