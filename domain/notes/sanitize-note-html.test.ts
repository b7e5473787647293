import { describe, expect, it } from 'vitest';
import { hasVisibleText, sanitizeNoteHtml } from './sanitize-note-html';

describe('sanitizeNoteHtml', () => {
  it('keeps the formatting Trix produces', () => {
    expect(sanitizeNoteHtml('<div><strong>Bold</strong><ul><li>one</li></ul></div>')).toBe('<div><strong>Bold</strong><ul><li>one</li></ul></div>');
  });
  it('makes scripts, handlers and javascript: links inert', () => {
    expect(sanitizeNoteHtml('<img src=x onerror=alert(1)>hi<script>alert(1)</script>')).toBe('hi');
    expect(sanitizeNoteHtml('<a href="javascript:alert(1)" onclick="x()">x</a>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">x</a>');
    expect(sanitizeNoteHtml('<p style="color:red" class="x">t</p>')).toBe('<p>t</p>');
  });
  it('keeps safe links with rel noopener', () => {
    expect(sanitizeNoteHtml('<a href="https://example.com">e</a>')).toBe('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">e</a>');
  });
  it('tells an empty editor from a note', () => {
    expect(hasVisibleText('<div><br></div>')).toBe(false);
    expect(hasVisibleText('<div>x</div>')).toBe(true);
  });
});
