import { describe, expect, it } from 'vitest';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { displayFormat } from '../text/display-format';
import type { MatchInput } from './match-record';
import { plainReason } from './plain-reasons';
import { prepareRecord } from './prepare-record';
import { scorePair } from './score-pair';

const fmt = displayFormat({ timeZone: 'America/Chicago', region: 'US' });
const formats = { phone: (p: string) => fmt.phone(p, p), date: fmt.calendarDate };
function plain(a: Partial<MatchInput>, b: Partial<MatchInput>) {
  const x = { id: 'a', ...a };
  const y = { id: 'b', ...b };
  const s = scorePair(prepareRecord(x, { defaultRegion: 'US' }), prepareRecord(y, { defaultRegion: 'US' }), defaultMatcher());
  return s.reasons.map((r) => plainReason(r, x, y, formats));
}

describe('plainReason', () => {
  it('says what agrees in words, with the values as the records hold them, not normalized ones or similarities', () => {
    const reasons = plain(
      { firstName: 'Katherine', lastName: 'Bode-Batz', emails: ['Cathryn.BodeBatz20@gmail.com'], phones: ['+13127508527'], dateOfBirth: '1985-04-12' },
      { firstName: 'Kathryn', lastName: 'Bode-Batz', emails: ['cathryn.bodebatz20@gmail.com'], phones: ['+13127508528'], dateOfBirth: '1985-12-04' },
    );
    expect(reasons).toContain('first names Katherine and Kathryn sound alike');
    expect(reasons).toContain('same surname, Bode-Batz');
    expect(reasons).toContain('phones (312) 750-8527 and (312) 750-8528 are one digit apart');
    expect(reasons).toContain('same email, cathryn.bodebatz20@gmail.com');
    expect(reasons).toContain('dates of birth Apr 12, 1985 and Dec 4, 1985: day and month swapped');
    for (const r of reasons) expect(r).not.toMatch(/Jaro|Metaphone|cathrynbodebatz|\+1312|bits/);
  });

  it('names nicknames and differences', () => {
    const reasons = plain({ firstName: 'Bob', lastName: 'Smith', phones: ['+14155550134'] }, { firstName: 'Robert', lastName: 'Smyth', phones: ['+14155550199'] });
    expect(reasons).toContain('first names Bob and Robert: one is a nickname for the other');
    expect(reasons).toContain('surnames Smith and Smyth are spelled alike');
    expect(reasons.some((r) => r.startsWith('different phones ((415) 555-0134'))).toBe(true);
  });
});
