import { describe, expect, it } from 'vitest';
import { safeZipSegment, uniqueZipNames } from './zip-entry-names';

describe('names inside a bundle', () => {
  it('numbers files that share a name in upload order, ignoring case, folder by folder', () => {
    expect(uniqueZipNames([
      { folder: 'Documents', name: 'scan.pdf' },
      { folder: 'Documents', name: 'Scan.pdf' },
      { folder: 'Documents', name: 'scan.pdf' },
      { folder: 'Note attachments', name: 'scan.pdf' },
      { folder: 'Documents', name: 'scan (2).pdf' },
      { folder: 'Documents', name: 'README' },
      { folder: 'Documents', name: 'README' },
    ])).toEqual([
      'Documents/scan.pdf',
      'Documents/Scan (2).pdf',
      'Documents/scan (3).pdf',
      'Note attachments/scan.pdf',
      'Documents/scan (2) (2).pdf',
      'Documents/README',
      'Documents/README (2)',
    ]);
  });

  it('keeps names from climbing out of their folder or breaking unzip tools', () => {
    expect(safeZipSegment('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeZipSegment('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(safeZipSegment('   ')).toBe('file');
    expect(safeZipSegment('C:\\Users\\x.pdf')).toBe('C__Users_x.pdf');
    expect(safeZipSegment('...hidden')).toBe('hidden');
  });
});
