import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMissing } from '../../db/insert-missing';
import { openTestEnv, type TestEnv } from '../support/test-env';

// A retried batch inserts what is missing and says which documents it inserted: the contact change log carries list
// rows only for those, since one that already existed may have been edited since (issue #15, part 4).
describe('insertMissing', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv('insert_missing');
  });
  afterAll(() => env?.close());

  it('returns the documents it inserted, not those already there', async () => {
    const things = mongoose.connection.db!.collection<{ _id: string; name: string }>('insert_missing_things');
    expect(await insertMissing(things, [{ _id: 'a', name: 'Ann' }, { _id: 'b', name: 'Bob' }])).toHaveLength(2);
    await things.updateOne({ _id: 'a' }, { $set: { name: 'Ann (edited)' } });
    const again = await insertMissing(things, [{ _id: 'a', name: 'Ann' }, { _id: 'c', name: 'Cy' }, { _id: 'b', name: 'Bob' }, { _id: 'd', name: 'Di' }]);
    expect(again.map((d) => d._id)).toEqual(['c', 'd']);
    expect((await things.findOne({ _id: 'a' }))!.name).toBe('Ann (edited)');
    expect(await insertMissing(things, [{ _id: 'a', name: 'Ann' }])).toEqual([]);
  });
});
