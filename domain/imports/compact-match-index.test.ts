import { describe, expect, it } from 'vitest';
import { prepareRecord } from '../duplicates/prepare-record';
import { CompactKeyIndex, keyHash } from './compact-key-index';
import { CompactMatchIndex } from './compact-match-index';

const prep = (id: string, o: Record<string, unknown>) => prepareRecord({ id, ...o }, { defaultRegion: 'US' });
const id = (n: number) => n.toString(16).padStart(24, '0');

describe('CompactKeyIndex', () => {
  it('finds every slot under a hash, before and after the tail is merged, and reports big blocks by count', () => {
    const index = new CompactKeyIndex();
    for (let i = 0; i < 1000; i++) index.add(keyHash(`k${i % 10}`), i);
    index.compact();
    index.add(keyHash('k3'), 5000);
    const out: number[] = [];
    expect(index.lookup(keyHash('k3'), 1000, out)).toBe(101);
    expect(out.sort((a, b) => a - b)).toEqual([...Array.from({ length: 100 }, (_, k) => 3 + 10 * k), 5000]);
    const none: number[] = [];
    expect(index.lookup(keyHash('k3'), 50, none)).toBe(101);
    expect(none).toEqual([]);
    expect(index.lookup(keyHash('absent'), 50, none)).toBe(0);
  });

  it('gives every hash its slots in the order they were filed, across several automatic merges of the tail', () => {
    const index = new CompactKeyIndex();
    const reference = new Map<number, number[]>();
    let seed = 7;
    const random = () => (seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    const hashes = Array.from({ length: 5000 }, () => random()); // colliding table positions included
    for (let slot = 0; slot < 450_000; slot++) {
      const hash = hashes[random() % hashes.length]!;
      index.add(hash, slot);
      reference.set(hash, [...(reference.get(hash) ?? []), slot].slice(-1000));
      if (slot % 149_999 === 0 || slot === 449_999) {
        for (const h of hashes.slice(0, 300)) {
          const out: number[] = [];
          index.lookup(h, Infinity, out);
          expect(out.slice(-1000)).toEqual(reference.get(h) ?? []);
        }
      }
    }
    expect(index.size).toBe(450_000);
  });
});

describe('CompactMatchIndex', () => {
  const index = new CompactMatchIndex();
  index.add(prep(id(1), { firstName: 'Robert', lastName: 'Smith', phones: ['+14155550134'], dateOfBirth: '1980-03-07', postcode: '94110', street: '12 Mission St' }));
  index.add(prep(id(2), { firstName: 'Robert', lastName: 'Smith', dateOfBirth: '1955-01-02', postcode: '10001', street: '9 Broadway' }));
  index.add(prep(id(3), { firstName: 'Ada', lastName: 'Lovelace', emails: ['ada@example.com'] }));

  it('proposes a record sharing a phone or an email', () => {
    expect(index.candidateIds(prep('x', { firstName: 'Bob', lastName: 'Smith', phones: ['(415) 555-0134'] }))).toEqual([id(1)]);
    expect(index.candidateIds(prep('x', { firstName: 'A.', lastName: 'King', emails: ['ADA@example.com'] }))).toEqual([id(3)]);
  });
  it('proposes a record sharing name, birth date and address without contact details', () => {
    expect(index.candidateIds(prep('x', { firstName: 'Robert', lastName: 'Smith', dateOfBirth: '1980-03-07', postcode: '94110', street: '12 Mission Street' }))).toEqual([id(1)]);
  });
  it('does not fetch namesakes who share nothing else', () => {
    expect(index.candidateIds(prep('x', { firstName: 'Robert', lastName: 'Smith', dateOfBirth: '1999-09-09', postcode: '60601' }))).toEqual([]);
  });
});
