import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from './safe-file-name';

describe('safeFileName', () => {
  it('drops paths, control characters and leading dots', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('.htaccess')).toBe('htaccess');
    expect(safeFileName('a\u0000b<c>.txt')).toBe('a_b_c_.txt');
    expect(safeFileName('')).toBe('file');
  });
  it('keeps the extension when shortening', () => {
    const long = `${'x'.repeat(300)}.pdf`;
    expect(safeFileName(long)).toHaveLength(150);
    expect(safeFileName(long).endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Café "draft".pdf')).toBe(`attachment; filename="Caf_ _draft_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22draft%22.pdf`);
  });
});
