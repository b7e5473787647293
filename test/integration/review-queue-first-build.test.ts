import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNewGroups } from '../../db/duplicates/duplicate-groups';
import { openQueueEntries, rebuildReviewQueue } from '../../db/duplicates/review-queue-index';
import { openTestEnv, type TestEnv } from '../support/test-env';

// Found by the load bench at 100k contacts (issue #15, part 4): a group found on evidence of no named kind (birth
// date and place alone) is stored with kinds []; FerretDB v1 gives that upserted array back as missing, and the first
// build of the packed review queue threw on it, so the sweep's activity retried forever.
describe('first build of the review queue', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv('review_queue_first_build');
  });
  afterAll(() => env?.close());

  it('takes in a group stored without kinds beside one with kinds', async () => {
    const now = new Date();
    await insertNewGroups(
      [
        { id: 'g-no-kinds', members: ['a1', 'a2'], score: 0.99, kinds: [], reasons: ['same birth date and city'] },
        { id: 'g-email', members: ['b1', 'b2', 'b3'], score: 0.97, kinds: ['email'], reasons: ['same email'] },
      ],
      { sweepId: 'sweep-1', now },
    );
    await rebuildReviewQueue({ added: [], keepPrevious: true });
    expect(await openQueueEntries()).toEqual([
      ['g-no-kinds', 0.99, '', 2],
      ['g-email', 0.97, 'email', 3],
    ]);
  });
});
