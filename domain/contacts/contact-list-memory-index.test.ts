import { describe, expect, it } from 'vitest';
import { ContactListMemoryIndex } from './contact-list-memory-index';
import { decodeListCursor } from './contact-list-cursor';
import type { ContactListRow } from './contact-list-row';

const row = (id: number, sortName: string, extra: Partial<ContactListRow> = {}): ContactListRow => ({
  id: id.toString(16).padStart(24, '0'), name: sortName, phone: '', email: '', installed: false, tags: [], caseStatuses: [],
  sortName, words: ` ${sortName} `, phoneKeys: [], emailKeys: [], ...extra,
});

describe('ContactListMemoryIndex', () => {
  const index = new ContactListMemoryIndex();
  index.load([row(3, 'smith ann', { installed: true }), row(1, 'adams bob', { phoneKeys: ['+14155552671', '5552671'] }), row(2, 'smith ann', { tags: ['vip'] }), row(4, 'young zed', { emailKeys: ['z@x.com'] })]);

  it('pages in name order with a keyset cursor and counts the total', () => {
    const first = index.query({ search: { kind: 'none' } }, undefined, 2);
    expect(first.rows.map((r) => r.sortName)).toEqual(['adams bob', 'smith ann']);
    expect(first.total).toBe(4);
    const second = index.query({ search: { kind: 'none' } }, decodeListCursor(first.nextCursor), 2);
    expect(second.rows.map((r) => r.id.slice(-1))).toEqual(['3', '4']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('pages backwards for Z–A order', () => {
    const first = index.query({ search: { kind: 'none' } }, undefined, 2, true);
    expect(first.rows.map((r) => r.sortName)).toEqual(['young zed', 'smith ann']);
    const second = index.query({ search: { kind: 'none' } }, decodeListCursor(first.nextCursor), 2, true);
    expect(second.rows.map((r) => r.sortName)).toEqual(['smith ann', 'adams bob']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('filters by App Status, tag, name words, phone and email', () => {
    expect(index.query({ appStatus: 'installed', search: { kind: 'none' } }, undefined, 10).total).toBe(1);
    expect(index.query({ appStatus: 'not_installed', search: { kind: 'none' } }, undefined, 10).total).toBe(3);
    expect(index.query({ tag: 'vip', search: { kind: 'none' } }, undefined, 10).rows[0]!.id.slice(-1)).toBe('2');
    expect(index.query({ search: { kind: 'name', words: ['smi', 'an'] } }, undefined, 10).total).toBe(2);
    expect(index.query({ search: { kind: 'name', words: ['mith'] } }, undefined, 10).total).toBe(0);
    expect(index.query({ search: { kind: 'phoneDigits', digits: '5552671' } }, undefined, 10).total).toBe(1);
    expect(index.query({ search: { kind: 'email', canonical: 'z@x.com' } }, undefined, 10).total).toBe(1);
  });

  it('keeps order and counts right through upserts and removals', () => {
    index.upsert(row(5, 'baker cy'));
    index.upsert(row(1, 'zz renamed', { phoneKeys: ['+14155552671'] }));
    index.remove(row(4, '').id);
    const all = index.query({ search: { kind: 'none' } }, undefined, 10);
    expect(all.rows.map((r) => r.sortName)).toEqual(['baker cy', 'smith ann', 'smith ann', 'zz renamed']);
    expect(index.query({ search: { kind: 'phone', e164: '+14155552671' } }, undefined, 10).rows[0]!.sortName).toBe('zz renamed');
    expect(index.query({ search: { kind: 'email', canonical: 'z@x.com' } }, undefined, 10).total).toBe(0);
  });

  it('answers name searches as a scan of every row would, through upserts, removals and chunks of both', () => {
    // Names from a small alphabet, so words share their first letters (the lists a search reads) often.
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % n);
    const word = () => Array.from({ length: 1 + rand(5) }, () => 'abcs'[rand(4)]).join('');
    const make = (id: number) => row(id, `${word()} ${word()}`, rand(3) === 0 ? { words: ` ${word()} ${word()} ${word()} ` } : {});
    const live = new Map<number, ContactListRow>();
    const big = new ContactListMemoryIndex();
    const initial = Array.from({ length: 300 }, (_, i) => make(i));
    initial.forEach((r, i) => live.set(i, r));
    big.load(initial);
    for (let step = 0; step < 400; step++) {
      const id = rand(400);
      if (rand(4) === 0) {
        big.remove(row(id, '').id);
        live.delete(id);
      } else {
        const r = make(id);
        big.upsert(r);
        live.set(id, r);
      }
    }
    // Then in chunks, as a catch-up applies an import's changes.
    for (let chunk = 0; chunk < 10; chunk++) {
      const ids = [...new Set(Array.from({ length: 40 }, () => rand(500)))];
      const removed = ids.filter(() => rand(5) === 0);
      const upserts = ids.filter((id) => !removed.includes(id)).map(make);
      big.apply(upserts, removed.map((id) => row(id, '').id));
      removed.forEach((id) => live.delete(id));
      upserts.forEach((r) => live.set(parseInt(r.id, 16), r));
    }
    const sorted = [...live.values()].sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : 1));
    for (const words of [['a'], ['ab'], ['sa', 'b'], ['cc'], ['abc', 'ss'], ['s']]) {
      const expected = sorted.filter((r) => words.every((w) => r.words.includes(` ${w}`)));
      const page = big.query({ search: { kind: 'name', words } }, undefined, 1000);
      expect(page.rows.map((r) => r.id), words.join(' ')).toEqual(expected.map((r) => r.id));
      expect(page.total).toBe(expected.length);
      const descending = big.query({ search: { kind: 'name', words } }, undefined, 1000, true);
      expect(descending.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id).reverse());
    }
    expect(big.query({ search: { kind: 'none' } }, undefined, 1000).rows.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });
});

describe('ContactListMemoryIndex loading and snapshots', () => {
  it('loads rows in any order, a later row of an id replacing the earlier, a removed id gone', () => {
    const index = new ContactListMemoryIndex();
    const loader = index.startLoad();
    loader.put(row(2, 'young zed'));
    loader.put(row(1, 'adams bob', { phoneKeys: ['5552671'] }));
    loader.put(row(3, 'baker cy'));
    loader.put(row(2, 'carter di')); // renamed while the log was read
    loader.remove(row(3, '').id);
    expect(loader.count).toBe(2);
    loader.finish();
    expect(index.query({ search: { kind: 'none' } }, undefined, 10).rows.map((r) => r.sortName)).toEqual(['adams bob', 'carter di']);
    expect(index.query({ search: { kind: 'name', words: ['car'] } }, undefined, 10).total).toBe(1);
    expect(index.query({ search: { kind: 'name', words: ['you'] } }, undefined, 10).total).toBe(0);
    expect(index.query({ search: { kind: 'phoneDigits', digits: '5552671' } }, undefined, 10).total).toBe(1);
  });

  it('hands a snapshot the rows as they were when it was asked for', () => {
    const index = new ContactListMemoryIndex();
    index.load([row(1, 'adams bob'), row(2, 'baker cy')]);
    const rows = index.rowsInOrder();
    index.upsert(row(1, 'zz renamed'));
    index.remove(row(2, '').id);
    index.upsert(row(3, 'aa new')); // takes a freed slot
    expect(rows.length).toBe(2);
    expect([...rows].map((r) => r.sortName)).toEqual(['adams bob', 'baker cy']);
    const reloaded = new ContactListMemoryIndex();
    reloaded.load(index.rowsInOrder());
    expect(reloaded.query({ search: { kind: 'none' } }, undefined, 10).rows.map((r) => r.sortName)).toEqual(['aa new', 'zz renamed']);
  });
});
