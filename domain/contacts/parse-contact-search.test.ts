import { describe, expect, it } from 'vitest';
import { parseContactSearch } from './parse-contact-search';

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
