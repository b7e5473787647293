import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSuggestionCounts } from '../../db/duplicates/open-suggestion-counts';
import { replaceSuggestions, saveSuggestions } from '../../db/duplicates/suggestions';
import { openTestEnv, type TestEnv } from '../support/test-env';

// The contacts list's "possible duplicate" badge counts are kept between pages (one counter read instead of a
// look-up per row, issue #15 part 4); every write to the suggestions must still show on the next page.
describe('duplicate badge counts', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv('duplicate_badge_counts');
  });
  afterAll(() => env?.close());

  it('shows each suggestion write on the next page, from either writer', async () => {
    const [a, b, c] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const page = [a, b, c].map(String);
    expect(await openSuggestionCounts(page)).toEqual(new Map());

    await saveSuggestions(a, [{ otherId: String(b), score: 0.97, band: 'likely', reasons: ['same email'] }]);
    expect(await openSuggestionCounts(page)).toEqual(new Map([[String(a), 1], [String(b), 1]]));

    await replaceSuggestions([[String(c), [{ otherId: String(a), score: 0.9, band: 'possible', reasons: ['same phone'], at: new Date() }]], [String(b), []]]);
    expect(await openSuggestionCounts(page)).toEqual(new Map([[String(a), 1], [String(c), 1]]));
  });
});
