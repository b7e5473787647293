import { describe, expect, it } from 'vitest';
import { acceptUpload } from './accept-upload';

const MB = 1024 * 1024;
// The first bytes of every OLE compound file: old .doc/.xls/.msg, MSI installers.
const CFB_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe('acceptUpload', () => {
  it('accepts a PDF by its bytes and hashes it', async () => {
    const got = await acceptUpload(new File([PDF], 'retainer.pdf'), MB);
    expect(got).toMatchObject({ ok: true, name: 'retainer.pdf', mimeType: 'application/pdf' });
    expect(got.ok && got.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a compound (OLE) file, whatever its name says, because it may be an installer or carry macros', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set(CFB_HEADER);
    for (const name of ['minutes.doc', 'setup.msi', 'letter.pdf']) {
      const got = await acceptUpload(new File([bytes], name), MB);
      expect(got.ok).toBe(false);
      expect(!got.ok && got.reason).toMatch(/Old-style Office files .* not accepted/);
    }
  });

  it('refuses an executable named like a text file, and accepts real UTF-8 text', async () => {
    expect((await acceptUpload(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], 'notes.txt'), MB)).ok).toBe(false);
    expect(await acceptUpload(new File(['Call back Tuesday — re: deposition'], 'notes.txt'), MB)).toMatchObject({ ok: true, mimeType: 'text/plain' });
  });

  it('refuses empty and oversized files with a reason a person can act on', async () => {
    expect(await acceptUpload(new File([], 'empty.pdf'), MB)).toEqual({ ok: false, name: 'empty.pdf', reason: 'The file is empty.' });
    expect(await acceptUpload(new File([new Uint8Array(MB + 1)], 'big.pdf'), MB)).toEqual({ ok: false, name: 'big.pdf', reason: 'The file is larger than 1 MB.' });
  });
});
