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
});
