import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeCaseLinks, unmergeCaseLinks, type CaseLink } from './case-links';
import { defaultChoices, mergedContactFields, type MergeableContact } from './merge-fields';

const ids = ['s', 'l1', 'l2', 'x', 'y'];
const linksArb = fc.uniqueArray(fc.record({ contactId: fc.constantFrom(...ids), role: fc.constantFrom('client', 'witness'), linkedAt: fc.date({ noInvalidDate: true }) }), { selector: (l) => l.contactId, maxLength: 5 });

describe('case links across merge and unmerge (property)', () => {
  it('leaves no loser on a case, links the survivor once when any participant was linked, and unmerge restores the case exactly', () => {
    fc.assert(
      fc.property(linksArb, (before: CaseLink[]) => {
        const after = mergeCaseLinks(before, 's', ['l1', 'l2'], 's');
        expect(after.some((l) => l.contactId === 'l1' || l.contactId === 'l2')).toBe(false);
        const participants = before.filter((l) => ['s', 'l1', 'l2'].includes(String(l.contactId))).length;
        expect(after.filter((l) => l.contactId === 's').length).toBe(participants ? 1 : 0);
        expect(after.filter((l) => !['s'].includes(String(l.contactId)))).toEqual(before.filter((l) => !['s', 'l1', 'l2'].includes(String(l.contactId))));
        expect(unmergeCaseLinks({ current: after, before, afterMerge: after, survivorId: 's', loserIds: ['l1', 'l2'] })).toEqual(before);
      }),
    );
  });

  it('keeps a link added after the merge when unmerging', () => {
    const before = [{ contactId: 'l1', role: 'client' }];
    const after = mergeCaseLinks(before, 's', ['l1'], 's');
    const current = [...after, { contactId: 'x', role: 'witness' }];
    expect(unmergeCaseLinks({ current, before, afterMerge: after, survivorId: 's', loserIds: ['l1'] })).toEqual([{ contactId: 'x', role: 'witness' }, { contactId: 'l1', role: 'client' }]);
  });
});

const phoneArb = fc.constantFrom('+14155550100', '+14155550101', '+12125550199').map((e164) => ({ type: 'mobile', raw: e164, e164, primary: false }));
const emailArb = fc.constantFrom('a@x.com', 'b@y.org').map((canonical) => ({ type: 'personal', address: canonical, canonical, primary: false }));
const contactArb = (id: string) =>
  fc.record({
    _id: fc.constant(id),
    firstName: fc.constantFrom('', 'Bob', 'Robert'),
    lastName: fc.constantFrom('', 'Smith'),
    dateOfBirth: fc.option(fc.constantFrom('1980-03-07', '1980-07-03'), { nil: undefined }),
    phones: fc.uniqueArray(phoneArb, { selector: (p) => p.e164, maxLength: 3 }),
    emails: fc.uniqueArray(emailArb, { selector: (e) => e.canonical, maxLength: 2 }),
    tags: fc.uniqueArray(fc.constantFrom('vip', 'minor', 'estate'), { maxLength: 2 }),
    appStatus: fc.record({ installed: fc.boolean() }),
  });

describe('merged contact fields (property)', () => {
  it('by default loses no value: every phone, email and tag survives, one primary each, app installed if any was', () => {
    fc.assert(
      fc.property(fc.tuple(contactArb('s'), contactArb('l1'), contactArb('l2')), (contacts: MergeableContact[]) => {
        const merged = mergedContactFields(contacts, defaultChoices(contacts, 's'));
        const phones = merged.phones as { e164: string; primary: boolean }[];
        const emails = merged.emails as { canonical: string; primary: boolean }[];
        expect(new Set(phones.map((p) => p.e164))).toEqual(new Set(contacts.flatMap((c) => c.phones.map((p) => p.e164))));
        expect(new Set(emails.map((e) => e.canonical))).toEqual(new Set(contacts.flatMap((c) => c.emails.map((e) => e.canonical))));
        expect(new Set(merged.tags as string[])).toEqual(new Set(contacts.flatMap((c) => c.tags)));
        if (phones.length) expect(phones.filter((p) => p.primary)).toHaveLength(1);
        if (emails.length) expect(emails.filter((e) => e.primary)).toHaveLength(1);
        expect((merged.appStatus as { installed: boolean }).installed).toBe(contacts.some((c) => c.appStatus?.installed));
        // A field is empty after the merge only if it was empty on every record.
        for (const f of ['firstName', 'lastName', 'dateOfBirth'] as const) {
          if (contacts.some((c) => c[f])) expect(merged[f]).toBeTruthy();
        }
      }),
    );
  });

  it('takes each field from the record staff chose', () => {
    const a = { _id: 's', firstName: 'Bob', lastName: 'Smith', phones: [], emails: [], tags: [] };
    const b = { _id: 'l1', firstName: 'Robert', lastName: 'Smyth', phones: [], emails: [], tags: [] };
    const merged = mergedContactFields([a, b], { survivorId: 's', fields: { firstName: 'l1', lastName: 's' }, phones: [], emails: [] });
    expect(merged).toMatchObject({ firstName: 'Robert', lastName: 'Smith', sortName: 'smith robert' });
  });
});
