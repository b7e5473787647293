import { describe, expect, it } from 'vitest';
import { parseByteRange } from './byte-range';

describe('HTTP Range for a resumed download', () => {
  it('reads the forms browsers and download managers send', () => {
    expect(parseByteRange(undefined, 1000)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ kind: 'part', start: 0, end: 99 });
    expect(parseByteRange('bytes=500-', 1000)).toEqual({ kind: 'part', start: 500, end: 999 });
    expect(parseByteRange('bytes=-100', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
    expect(parseByteRange('bytes=900-5000', 1000)).toEqual({ kind: 'part', start: 900, end: 999 });
  });

  it('refuses a range past the end and ignores what it cannot read', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=5-2', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,5-6', 1000)).toEqual({ kind: 'whole' });
    expect(parseByteRange('items=0-1', 1000)).toEqual({ kind: 'whole' });
  });
});
