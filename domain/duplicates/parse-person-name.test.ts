import { describe, expect, it } from 'vitest';
import { parsePersonName } from './parse-person-name';

describe('parsePersonName', () => {
  it('splits prefixes, initials and suffixes', () => {
    expect(parsePersonName('Dr. Robert J. Smith Jr.')).toEqual({ prefix: 'dr', first: 'robert', middle: ['j'], last: 'smith', suffix: 'jr' });
    expect(parsePersonName('ROBERT SMITH III')).toEqual({ prefix: undefined, first: 'robert', middle: [], last: 'smith', suffix: 'iii' });
  });
  it('reads "Last, First"', () => {
    expect(parsePersonName('Smith, Robert J.')).toEqual({ prefix: undefined, first: 'robert', middle: ['j'], last: 'smith', suffix: undefined });
    expect(parsePersonName('García López, José')).toEqual({ prefix: undefined, first: 'jose', middle: [], last: 'garcia lopez', suffix: undefined });
  });
  it('keeps "Smith, Jr." as a suffix, not a first name', () => {
    expect(parsePersonName('Robert Smith, Jr.')).toEqual({ prefix: undefined, first: 'robert', middle: [], last: 'smith', suffix: 'jr' });
  });
  it('copes with one word and nothing', () => {
    expect(parsePersonName('Cher')).toEqual({ prefix: undefined, first: '', middle: [], last: 'cher', suffix: undefined });
    expect(parsePersonName('  ')).toEqual({ prefix: undefined, first: '', middle: [], last: '', suffix: undefined });
  });
});
