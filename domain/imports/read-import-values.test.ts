import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './detect-delimiter';
import { detectEncoding } from './detect-encoding';
import { parseImportDate } from './parse-import-date';
import { splitFullName } from './split-full-name';
import { suggestColumnMapping } from './suggest-column-mapping';

const today = new Date('2026-11-25T00:00:00Z');

describe('detectEncoding', () => {
  it('reads byte order marks, UTF-16 without one, valid UTF-8, and falls back to Windows-1252', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(Buffer.from('\ufeffName', 'utf16le')).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('First,Last\nAda,Lovelace\n', 'utf16le')).encoding).toBe('utf-16le');
    expect(detectEncoding(Buffer.from('José,Zürich', 'utf8')).encoding).toBe('utf-8');
    expect(detectEncoding(Buffer.from('José,Zürich\n', 'latin1')).encoding).toBe('windows-1252');
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['"Smith, John";x\n"Doe, Jane";y\n', ';'],
  ])('%j -> %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe('parseImportDate', () => {
  const us = { monthFirst: true, today };
  it.each([
    ['1980-03-07', '1980-03-07'],
    ['19800307', '1980-03-07'],
    ['3/7/1980', '1980-03-07'],
    ['13/7/1980', '1980-07-13'],
    ['07.03.1980', '1980-03-07'],
    ['March 7, 1980', '1980-03-07'],
    ['7 Mar 1980', '1980-03-07'],
    ['29287', '1980-03-07'], // Excel serial
    ['3/7/85', '1985-03-07'],
    ['3/7/12', '2012-03-07'],
  ])('%s -> %s', (raw, date) => expect(parseImportDate(raw, us)).toEqual({ ok: true, date }));
  it('reads day first when the firm writes dates so', () => expect(parseImportDate('3/7/1980', { monthFirst: false, today })).toEqual({ ok: true, date: '1980-07-03' }));
  it.each(['31/31/1990', '2030-01-01', 'next week', '1700-01-01'])('refuses %s', (raw) => expect(parseImportDate(raw, us).ok).toBe(false));
});

describe('splitFullName', () => {
  it.each([
    ['Dr. Robert J. Smith Jr.', { firstName: 'Robert', middleName: 'J.', lastName: 'Smith' }],
    ['Smith, Robert James', { firstName: 'Robert', middleName: 'James', lastName: 'Smith' }],
    ['Ada Lovelace', { firstName: 'Ada', middleName: '', lastName: 'Lovelace' }],
    ['Cher', { firstName: 'Cher', middleName: '', lastName: '' }],
  ])('%s', (full, parts) => expect(splitFullName(full)).toEqual(parts));
});

describe('suggestColumnMapping', () => {
  it('matches the header names other systems use', () => {
    expect(suggestColumnMapping(['First Name', 'Surname', 'E-mail', 'Cell phone', 'Home Phone', 'DOB', 'Zip', 'Notes'], [])).toEqual(['firstName', 'lastName', 'email', 'mobilePhone', 'homePhone', 'dateOfBirth', 'postcode', '']);
    expect(suggestColumnMapping(['Full name', 'Mobile', 'Email Address'], [])).toEqual(['fullName', 'mobilePhone', 'email']);
    expect(suggestColumnMapping(['Client E-mail Address', 'Name', 'First', 'Last'], [])).toEqual(['email', '', 'firstName', 'lastName']);
  });
  it('falls back to the values when a header says nothing', () => {
    const rows = [['Ada Lovelace', 'ada@example.com', '(415) 555-0134', '1985-12-10'], ['Alan Turing', 'alan@example.com', '415-555-0199', '1982-06-23']];
    expect(suggestColumnMapping(['Name', 'Column B', 'Column C', 'Column D'], rows)).toEqual(['fullName', 'email', 'mobilePhone', 'dateOfBirth']);
  });
});
