import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNicknameTable } from './nickname-table';

// The unit test reads the shipped table once; the domain code itself does no I/O.
const table = parseNicknameTable(readFileSync(new URL('./data/nicknames.csv', import.meta.url), 'utf8'));

describe('nickname table', () => {
  it('knows the classic pairs, either way round', () => {
    expect(table.areRelated('Bob', 'Robert')).toBe(true);
    expect(table.areRelated('robert', 'bob')).toBe(true);
    expect(table.areRelated('Bill', 'William')).toBe(true);
    expect(table.areRelated('Peggy', 'Margaret')).toBe(true);
  });
  it('relates two nicknames of one name', () => {
    expect(table.areRelated('Bob', 'Rob')).toBe(true);
  });
  it('does not relate different people', () => {
    expect(table.areRelated('Robert', 'William')).toBe(false);
    expect(table.areRelated('Zyx', 'Robert')).toBe(false);
  });
});
