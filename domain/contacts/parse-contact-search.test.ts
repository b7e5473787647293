import { describe, expect, it } from 'vitest';
import { parseContactSearch, searchProblem } from './parse-contact-search';

describe('parseContactSearch', () => {
  it('reads emails, phones and names', () => {
    expect(parseContactSearch('Ann.Lee@Gmail.com', 'US')).toEqual({ kind: 'email', canonical: 'annlee@gmail.com' });
    expect(parseContactSearch('ann@', 'US')).toEqual({ kind: 'emailPrefix', prefix: 'ann@' });
    expect(parseContactSearch('(415) 555-2671', 'US')).toEqual({ kind: 'phone', e164: '+14155552671' });
    expect(parseContactSearch('555 2671', 'US')).toEqual({ kind: 'phoneDigits', digits: '5552671' });
    expect(parseContactSearch('José  Smi', 'US')).toEqual({ kind: 'name', words: ['jose', 'smi'] });
    expect(parseContactSearch('  ', 'US')).toEqual({ kind: 'none' });
  });
});

describe('searchProblem', () => {
  it('refuses a search too long or with nothing to search for, and lets every other one through', () => {
    expect(searchProblem('x'.repeat(101))).toMatch(/at most 100 characters; this one has 101/);
    expect(searchProblem('*')).toMatch(/no letters or digits/);
    expect(searchProblem('[)(')).toMatch(/“\[\)\(” has no letters or digits/);
    expect(searchProblem(' -- ')).toMatch(/no letters or digits/);
    for (const ok of [undefined, '', '  ', 'smi', 'Renée', '312', 'a@b', 'x'.repeat(100), 'Ōtsuka', '李']) expect(searchProblem(ok)).toBeUndefined();
  });
});
