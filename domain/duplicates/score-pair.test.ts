import { describe, expect, it } from 'vitest';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import type { MatchInput } from './match-record';
import { prepareRecord } from './prepare-record';
import { scorePair } from './score-pair';
import { isOneEdit } from './compare-fields';

const ctx = defaultMatcher();
const prep = (input: Partial<MatchInput>) => prepareRecord({ id: Math.random().toString(36), ...input }, { defaultRegion: 'US' });
const score = (a: Partial<MatchInput>, b: Partial<MatchInput>) => scorePair(prep(a), prep(b), ctx);
const texts = (s: ReturnType<typeof score>) => s.reasons.map((r) => r.text);

describe('scorePair', () => {
  it('explains a nickname and a shared phone in any format', () => {
    const s = score(
      { firstName: 'Bob', lastName: 'Smith', phones: ['(415) 555-2671'] },
      { firstName: 'Robert', lastName: 'Smith', phones: ['+1 415 555 2671'] },
    );
    expect(s.band).toBe('likely');
    expect(texts(s)).toContain('same phone +14155552671');
    expect(texts(s)).toContain('first name bob ≈ robert (nickname)');
    expect(s.reasons[0]!.weight).toBeGreaterThan(0);
  });

  it('sees typos through Jaro-Winkler and says by how much', () => {
    const s = score({ firstName: 'Katherine', lastName: 'Johnston', dateOfBirth: '1980-03-07' }, { firstName: 'Katherine', lastName: 'Jonhston', dateOfBirth: '19800307' });
    expect(s.band).toBe('likely');
    expect(texts(s).some((t) => /^surname Jaro-Winkler 0\.9\d \(johnston ≈ jonhston\)$/.test(t))).toBe(true);
  });

  it('recognizes swapped names and a day/month swap in the birth date', () => {
    const s = score({ firstName: 'Min', lastName: 'Lee', dateOfBirth: '1990-04-07', postcode: '94110' }, { firstName: 'Lee', lastName: 'Min', dateOfBirth: '1990-07-04', postcode: '94110' });
    expect(s.namesSwapped).toBe(true);
    expect(texts(s)).toContain('first and last names swapped');
    expect(texts(s).some((t) => t.startsWith('date of birth with day and month swapped'))).toBe(true);
  });

  it('keeps two members of one household apart', () => {
    const home = { lastName: 'Garcia', street: '12 Oak Street', city: 'Austin', postcode: '78701', state: 'TX', phones: ['512 555 0199'] };
    const s = score({ ...home, firstName: 'Maria', dateOfBirth: '1971-05-02' }, { ...home, firstName: 'Diego', dateOfBirth: '2004-11-19' });
    expect(s.band).not.toBe('likely');
    expect(texts(s)).toContain('different first name (maria vs diego)');
  });

  it('treats missing fields as no evidence, and different people as unlikely', () => {
    expect(score({ lastName: 'Nguyen' }, { firstName: 'Anh' }).weight).toBe(0);
    expect(score({ firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1950-01-01' }, { firstName: 'Tom', lastName: 'Baker', dateOfBirth: '1990-06-30' }).band).toBe('unlikely');
  });

  it('orders reasons strongest first and keeps the score in 0..1', () => {
    const s = score({ firstName: 'Jane', lastName: 'Doe', emails: ['Jane.Doe+work@gmail.com'] }, { firstName: 'Jane', lastName: 'Doe', emails: ['janedoe@gmail.com'] });
    expect(s.reasons.map((r) => r.weight)).toEqual([...s.reasons.map((r) => r.weight)].sort((a, b) => b - a));
    expect(s.score).toBeGreaterThan(0.9);
    expect(s.score).toBeLessThanOrEqual(1);
  });
});

describe('what a score means', () => {
  it('never calls a name-only match likely: a shared name (and city) is as likely as not, below a shared phone with another name', () => {
    const nameOnly = score({ firstName: 'John', lastName: 'Smith', city: 'Chicago', state: 'IL' }, { firstName: 'John', lastName: 'Smith', city: 'Chicago', state: 'IL' });
    expect(nameOnly.band).toBe('possible');
    expect(nameOnly.score).toBeLessThanOrEqual(0.5);
    const phoneOtherName = score({ firstName: 'John', lastName: 'Smith', phones: ['3125550144'] }, { firstName: 'Mary', lastName: 'Jones', phones: ['3125550144'] });
    expect(phoneOtherName.band).not.toBe('unlikely');
    expect(phoneOtherName.score).toBeGreaterThan(nameOnly.score);
    // What does pick out one person lifts the same names to likely.
    for (const extra of [{ phones: ['3125550144'] }, { dateOfBirth: '1980-01-02' }, { emails: ['js@x.com'] }, { street: '12 Oak St' }]) {
      expect(score({ firstName: 'John', lastName: 'Smith', ...extra }, { firstName: 'John', lastName: 'Smith', ...extra }).band, JSON.stringify(extra)).toBe('likely');
    }
  });
});

describe('isOneEdit', () => {
  it('accepts one substitution, insertion, deletion or transposition', () => {
    expect(isOneEdit('19800307', '19800308')).toBe(true);
    expect(isOneEdit('smith', 'smiht')).toBe(true);
    expect(isOneEdit('smith', 'smth')).toBe(true);
    expect(isOneEdit('smith', 'smiths')).toBe(true);
    expect(isOneEdit('smith', 'smyht')).toBe(false);
    expect(isOneEdit('smith', 'smith')).toBe(false);
  });
});
