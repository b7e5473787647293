import { describe, expect, it } from 'vitest';
import { ContactListColumns } from './contact-list-columns';
import type { ContactListRow } from './contact-list-row';

const row = (extra: Partial<ContactListRow> = {}): ContactListRow => ({
  id: '65a000000000000000000001', name: 'Ann Smith', phone: '+14155552671', email: 'ann@example.com', installed: true, tags: ['vip'], caseStatuses: ['open', 'closed'],
  sortName: 'smith ann', words: ' smith ann ', phoneKeys: ['+14155552671', '5552671'], emailKeys: ['ann@example.com'], ...extra,
});

describe('ContactListColumns', () => {
  it('gives back the row it was given, shown phone and email included', () => {
    const cols = new ContactListColumns();
    for (const r of [row(), row({ phone: '(415) 555-2671', email: 'Ann@Example.com', words: ' smith ann annie ', installed: false, tags: [] }), row({ phone: '', email: '', phoneKeys: [], emailKeys: [] })]) {
      expect(cols.row(cols.add(r))).toEqual(r);
    }
  });

  it('keeps values holding its own separators intact', () => {
    const cols = new ContactListColumns();
    const odd = row({ name: 'Ann\u001fSmith', phoneKeys: ['+1\u001e5', '5552671'], emailKeys: ['\u0000x@example.com'] });
    expect(cols.row(cols.add(odd))).toEqual(odd);
    const leadingMark = row({ name: '\u0000Ann' });
    expect(cols.row(cols.add(leadingMark))).toEqual(leadingMark);
  });

  it('finds word beginnings as ContactListRow.words does', () => {
    const cols = new ContactListColumns();
    const plain = cols.add(row());
    const withPreferred = cols.add(row({ words: ' smith ann bunny ' }));
    for (const w of ['smi', 'smith', 'an', 'ann']) expect(cols.hasWordStarting(plain, w)).toBe(true);
    for (const w of ['mith', 'nn', 'bun', 'smith ann']) expect(cols.hasWordStarting(plain, w)).toBe(w === 'smith ann');
    expect(cols.hasWordStarting(withPreferred, 'bun')).toBe(true);
  });

  it('reuses a released slot, and a copy is not changed by later writes', () => {
    const cols = new ContactListColumns();
    const first = cols.add(row());
    const copy = cols.copy();
    cols.release(first);
    expect(cols.isLive(first)).toBe(false);
    const again = cols.add(row({ id: '65a000000000000000000002', sortName: 'young zed', words: ' young zed ' }));
    expect(again).toBe(first);
    expect(copy.row(first).sortName).toBe('smith ann');
    expect(cols.row(again).sortName).toBe('young zed');
  });
});
