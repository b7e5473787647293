import { describe, expect, it } from 'vitest';
import { documentKindOf } from './document-kinds';

describe('document kinds for filtering', () => {
  it('groups MIME types as staff think of them', () => {
    expect(documentKindOf('application/pdf')).toBe('pdf');
    expect(documentKindOf('image/jpeg')).toBe('image');
    expect(documentKindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('office');
    expect(documentKindOf('application/msword')).toBe('office');
    expect(documentKindOf('text/csv; charset=utf-8')).toBe('text');
    expect(documentKindOf('video/mp4')).toBe('media');
    expect(documentKindOf('application/zip')).toBe('other');
  });
});
