import { describe, expect, it } from 'vitest';
import { plannedIndexes } from './ensure-indexes';

const keysOf = (engine: 'mongodb' | 'ferretdb', collection: string) =>
  plannedIndexes(engine)
    .filter((i) => i.collection === collection)
    .map((i) => JSON.stringify(i.fields));

describe('plannedIndexes', () => {
  it('on MongoDB creates the compound indexes the contact list and its filters are served from', () => {
    const contacts = keysOf('mongodb', 'contacts');
    expect(contacts).toEqual(expect.arrayContaining(['{"sortName":1,"_id":1}', '{"appStatus.installed":1,"sortName":1,"_id":1}', '{"nameTokens":1}', '{"phoneKeys":1}', '{"emailKeys":1}', '{"tags":1}', '{"caseStatuses":1}']));
    expect(keysOf('mongodb', 'messages')).toContain('{"contactId":1,"at":-1,"_id":-1}');
    expect(plannedIndexes('mongodb').find((i) => i.collection === 'login_throttle' && i.fields.expire)).toMatchObject({ options: { expireAfterSeconds: 0 } });
  });

  it('on FerretDB creates only the unique indexes, which enforce rules; the others it would never read', () => {
    const ferret = plannedIndexes('ferretdb');
    expect(ferret.every((i) => i.options.unique === true)).toBe(true);
    expect(ferret.map((i) => `${i.collection}:${JSON.stringify(i.fields)}`).sort()).toEqual(['cases:{"number":1}', 'login_throttle:{"key":1}', 'staff_users:{"email":1}'].sort());
    expect(keysOf('ferretdb', 'contacts')).toEqual([]);
  });
});
