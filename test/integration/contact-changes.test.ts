import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeKey, readContactChangesSince, recordContactChanges } from '../../db/contacts/contact-changes';
import { contactChangeCollection, Counter } from '../../db/models/index';
import { openTestEnv, type TestEnv } from '../support/test-env';

// The contact change log, read side by side (issue #15 part 4: the contacts list waited one round trip per entry
// during an import). In order, never past a fresh gap (a writer that took a number and has not written its entry).
describe('contact change log', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv('contact_changes');
  });
  afterAll(() => env?.close());

  it('reads every entry in order, past many side-by-side reads, and skips the source it is told to', async () => {
    const written = Array.from({ length: 40 }, () => new Types.ObjectId());
    for (const [k, id] of written.entries()) await recordContactChanges([id], k % 10 === 0 ? 'sweep' : undefined);
    const all = await readContactChangesSince(0);
    expect(all.upTo).toBe(40);
    expect(all.ids.map(String)).toEqual(written.map(String));
    const notSweep = await readContactChangesSince(0, 500, { skipSource: 'sweep' });
    expect(notSweep.ids.map(String)).toEqual(written.filter((_, k) => k % 10 !== 0).map(String));
    expect((await readContactChangesSince(35, 3)).ids.map(String)).toEqual(written.slice(35, 38).map(String));
  });

  it('stops before a fresh gap and reads on once the late entry is written', async () => {
    // A writer takes number 41 and is slow to write it; the next writer's entry (42) is already there.
    await Counter.updateOne({ _id: 'contact-changes' }, { $inc: { seq: 1 }, $set: { at: new Date() } });
    const after = new Types.ObjectId();
    await recordContactChanges([after]);
    const stopped = await readContactChangesSince(40);
    expect(stopped).toEqual({ upTo: 40, ids: [] });
    const late = new Types.ObjectId();
    await contactChangeCollection.insertOne({ _id: changeKey(41), packedIds: String(late), at: new Date() });
    const resumed = await readContactChangesSince(40);
    expect(resumed.upTo).toBe(42);
    expect(resumed.ids.map(String)).toEqual([String(late), String(after)]);
  });
});
