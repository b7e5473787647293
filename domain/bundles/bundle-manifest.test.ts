import { describe, expect, it } from 'vitest';
import { manifestCsv } from './bundle-manifest';

describe('bundle manifest', () => {
  it('is a CSV with a BOM, one row per document, quoted where needed and safe in a spreadsheet', () => {
    const fixedAt = new Date('2026-12-01T10:00:00Z');
    const csv = manifestCsv([
      { zipName: 'Documents/a, b.pdf', originalName: 'a, b.pdf', size: 12, sha256: 'ab'.repeat(32), mimeType: 'application/pdf', uploadedBy: 'Dana "D" Smith', uploadedAt: fixedAt, caseNumber: 'C-1', status: 'included' },
      { zipName: 'Documents/=cmd.txt', originalName: '=cmd.txt', size: 3, sha256: 'cd'.repeat(32), mimeType: 'text/plain', uploadedBy: 'Lee', uploadedAt: fixedAt, caseNumber: '', status: 'missing: the stored file is gone' },
    ], fixedAt);
    expect(csv.startsWith('\uFEFFname in zip,original name,size (bytes),sha-256,type,uploaded by,uploaded at,case,status,documents as of\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`"Documents/a, b.pdf","a, b.pdf",12,${'ab'.repeat(32)},application/pdf,"Dana ""D"" Smith",2026-12-01T10:00:00.000Z,C-1,included,2026-12-01T10:00:00.000Z`);
    expect(lines[2]).toContain(",'=cmd.txt,");
    expect(lines[2]).toContain('missing: the stored file is gone');
  });
});
