import { describe, expect, it } from 'vitest';
import { contactMatchInput } from '../duplicates/contact-match-input';
import { defaultMatcher } from '../../activities/duplicates/default-matcher';
import { buildContactRecord } from '../contacts/build-contact-record';
import { combineImportRow, type ImportPolicy } from './combine-import-row';
import { ImportMatchIndex } from './import-match-index';
import { decideBatch, matchBatchRows, prepareBatchRows, type PlanOptions } from './plan-import-batch';

const MAPPING = ['firstName', 'lastName', 'email', 'mobilePhone', 'city'] as const;
const existing = { _id: 'c1', ...buildContactRecord({ firstName: 'Robert', lastName: 'Smith', emails: [{ address: 'bob@example.com' }], phones: [{ raw: '415-555-0134' }], address: { city: 'Oakland' } }, 'US').record };

function plan(policy: ImportPolicy, rows: string[][]) {
  const index = new ImportMatchIndex(defaultMatcher(), { defaultRegion: 'US' });
  index.add(index.prepareInput(contactMatchInput(existing as never)));
  const o: PlanOptions = { importId: 'imp', mapping: [...MAPPING], policy, region: 'US', monthFirst: true, index, newId: (r) => `n${r}`, toMatchInput: (r) => contactMatchInput(r as never) };
  return decideBatch(matchBatchRows(prepareBatchRows(rows.map((values, i) => ({ row: i + 2, values })), o), o), new Map([['c1', existing as never]]), o);
}

const DUP = ['Bob', 'Smith', 'BOB@example.com', '(415) 555-0134', 'San Francisco'];
const NEW = ['Grace', 'Hopper', 'grace@example.com', '', 'Arlington'];
const NEW_AGAIN = ['Grace', 'Hopper', 'grace@example.com', '415-555-0199', 'Arlington'];

describe('planning an import batch, per duplicate policy', () => {
  it('skip: the duplicate is not imported, with the reason', () => {
    const { entries, writes } = plan('skip', [DUP, NEW]);
    expect(entries.map((e) => e.outcome)).toEqual(['skipped', 'created']);
    expect(entries[0]).toMatchObject({ contactId: 'c1', reason: expect.stringMatching(/^Duplicate \(score .*same phone/) });
    expect(writes.updates).toEqual([]);
  });

  it('update: the file replaces saved values, empty cells change nothing', () => {
    const { entries, writes } = plan('update', [[...DUP.slice(0, 4), '']]);
    expect(entries[0]!.outcome).toBe('updated');
    expect(writes.updates[0]).toMatchObject({ id: 'c1', set: { firstName: 'Bob' }, before: { firstName: 'Robert' } });
    expect(writes.updates[0]!.set.address).toBeUndefined();
  });

  it('merge: fills gaps, never overwrites, records conflicts on the contact', () => {
    const { entries, writes } = plan('merge', [DUP]);
    expect(entries[0]!.outcome).toBe('merged');
    const set = writes.updates[0]!.set as { firstName?: string; importConflicts: { field: string; kept: string; incoming: string }[] };
    expect(set.firstName).toBeUndefined();
    expect(set.importConflicts).toEqual([
      { key: 'firstName', field: 'First name', kept: 'Robert', incoming: 'Bob', importId: 'imp', row: 2 },
      { key: 'address', field: 'Address', kept: 'Oakland', incoming: 'San Francisco', importId: 'imp', row: 2, incomingAddress: { city: 'San Francisco' } },
    ]);
  });

  it('create: a new contact even for a duplicate', () => {
    expect(plan('create', [DUP]).entries[0]!.outcome).toBe('created');
  });

  it('finds duplicates within the file: the second row combines into the contact the first created', () => {
    const { entries, writes } = plan('merge', [NEW, NEW_AGAIN]);
    expect(entries.map((e) => [e.outcome, e.contactId])).toEqual([['created', 'n2'], ['merged', 'n2']]);
    expect(writes.inserts).toHaveLength(1);
    expect(writes.inserts[0]!.phones.map((p) => p.e164)).toEqual(['+14155550199']);
    expect(plan('skip', [NEW, NEW_AGAIN]).entries.map((e) => e.outcome)).toEqual(['created', 'skipped']);
  });

  it('a later row of the same file that drops the accents keeps them: "Renée Müller" stays as typed', () => {
    const first = ['Renée', 'Müller', 'renee@example.com', '', 'Zürich'];
    const later = ['Renee', 'Muller', 'RENEE@example.com', '', 'Zurich'];
    for (const policy of ['update', 'merge'] as const) {
      const { entries, writes } = plan(policy, [first, later]);
      expect(entries.map((e) => e.outcome)).toEqual(['created', 'skipped']);
      expect(writes.inserts[0]).toMatchObject({ firstName: 'Renée', lastName: 'Müller', address: { city: 'Zürich' } });
    }
  });

  it('a duplicate with nothing new is skipped, not counted as a change', () => {
    const { entries } = plan('merge', [['Robert', 'Smith', 'bob@example.com', '', 'Oakland']]);
    expect(entries[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/nothing new/) });
  });
});

describe('combineImportRow', () => {
  const saved = { firstName: 'Ada', lastName: 'Lovelace', phones: [{ raw: '415-555-0134', e164: '+14155550134', primary: true }], emails: [], tags: ['vip'] };
  it('merge adds new phones and emails without changing the primary ones, and unions tags', () => {
    const incoming = { firstName: 'Ada', lastName: '', phones: [{ raw: '415 555 0199', e164: '+14155550199', primary: true }], emails: [{ address: 'ada@x.com', canonical: 'ada@x.com', primary: true }], tags: ['import'] };
    const c = combineImportRow(saved, incoming, { policy: 'merge', importId: 'i', row: 2 });
    expect((c.set.phones as { e164: string; primary: boolean }[]).map((p) => [p.e164, p.primary])).toEqual([['+14155550134', true], ['+14155550199', false]]);
    expect(c.set.tags).toEqual(['vip', 'import']);
    expect(c.set.lastName).toBeUndefined();
    expect(c.before).toMatchObject({ phones: saved.phones, tags: ['vip'], emails: [] });
  });

  const denver = { street: '72291 E Grand Avenue', city: 'Denver', region: 'CO', postcode: '80202' };
  const withAddress = (address: object) => ({ ...saved, address });
  it('update replaces an address whole: a new city never keeps the old street and ZIP', () => {
    const c = combineImportRow(withAddress(denver), { ...saved, address: { city: 'Boulder', region: 'CO' } }, { policy: 'update', importId: 'i', row: 2 });
    expect(c.set.address).toEqual({ city: 'Boulder', region: 'CO' });
    expect(c.before.address).toEqual(denver);
  });

  it('an address the row only repeats (in part, or without accents) changes nothing, under either policy', () => {
    for (const policy of ['update', 'merge'] as const) {
      const c = combineImportRow(withAddress(denver), { ...saved, address: { city: 'denver', postcode: '80202' } }, { policy, importId: 'i', row: 2 });
      expect(c.set.address).toBeUndefined();
      expect(c.conflicts).toEqual([]);
    }
  });

  it('an address written more fully is taken whole, the saved parts keeping their spelling', () => {
    const c = combineImportRow(withAddress({ city: 'Zürich' }), { ...saved, address: { street: 'Bahnhofstrasse 1', city: 'Zurich', country: 'CH' } }, { policy: 'merge', importId: 'i', row: 2 });
    expect(c.set.address).toEqual({ street: 'Bahnhofstrasse 1', city: 'Zürich', country: 'CH' });
  });

  it('merge keeps a different saved address and records the file\'s as one conflict', () => {
    const c = combineImportRow(withAddress(denver), { ...saved, address: { city: 'Boulder' } }, { policy: 'merge', importId: 'i', row: 3 });
    expect(c.set.address).toBeUndefined();
    expect(c.conflicts).toEqual([{ key: 'address', field: 'Address', kept: '72291 E Grand Avenue, Denver, CO, 80202', incoming: 'Boulder', importId: 'i', row: 3, incomingAddress: { city: 'Boulder' } }]);
  });

  it('a name differing only in accents or case is the same name; update may add the accents it lacked', () => {
    const renee = { ...saved, firstName: 'Renée', lastName: 'Müller' };
    const plain = { ...saved, firstName: 'renee', lastName: 'MULLER' };
    expect(combineImportRow(renee, plain, { policy: 'update', importId: 'i', row: 2 }).set).toEqual({});
    expect(combineImportRow(renee, plain, { policy: 'merge', importId: 'i', row: 2 }).conflicts).toEqual([]);
    expect(combineImportRow({ ...saved, firstName: 'Renee' }, { ...saved, firstName: 'Renée' }, { policy: 'update', importId: 'i', row: 2 }).set.firstName).toBe('Renée');
  });
});
