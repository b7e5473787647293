import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateBadgeIndex } from '../../activities/contacts/duplicate-badge-index';
import { databaseInstanceId } from '../../db/database-instance-id';
import { assumeDatabaseEngine } from '../../db/detect-engine';
import { openSuggestionCounts } from '../../db/duplicates/open-suggestion-counts';
import { readSuggestionCountsSince } from '../../db/duplicates/suggestion-count-log';
import { replaceSuggestions, saveSuggestions, updateSuggestions } from '../../db/duplicates/suggestions';
import { duplicateSuggestionsCollection } from '../../db/models/index';
import { config } from '../../config/config';
import { openTestEnv, type TestEnv } from '../support/test-env';

const silent = pino({ level: 'silent' });
const entry = (otherId: Types.ObjectId) => ({ otherId: String(otherId), score: 0.9, band: 'possible' as const, reasons: ['same phone'], at: new Date() });

// The contacts list's "possible duplicate" badges (issue #21): from memory beside the list index, fed by the
// suggestion count log every suggestion write appends to; from the database (one $in query on MongoDB, look-ups
// by _id on FerretDB) when the list is served by the database. Every write shows on the next page either way.
describe('duplicate badge counts', () => {
  let env: TestEnv;
  let dir: string;
  beforeAll(async () => {
    env = await openTestEnv('duplicate_badge_counts');
    dir = mkdtempSync(join(tmpdir(), 'casebook-badges-'));
  });
  afterAll(() => env?.close());
  const badgeIndex = (file = 'badges.json') => new DuplicateBadgeIndex({ snapshotFile: join(dir, file), log: silent });

  it('counts suggestions written before the log existed, by reading them once', async () => {
    // A database from before the log: suggestions stored, nothing logged. The first logged write says so.
    const [old1, old2, fresh] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    await duplicateSuggestionsCollection.insertMany([{ _id: old1, entries: [entry(old2)] }, { _id: old2, entries: [entry(old1)] }]);
    await updateSuggestions(fresh, () => [entry(old1)]);
    expect((await readSuggestionCountsSince(0)).olderSuggestions).toBe(true);

    const badges = badgeIndex();
    await badges.start(await databaseInstanceId());
    expect(await badges.current()).toBeUndefined(); // building: the list reads the database meanwhile
    await badges.settled();
    expect(Object.fromEntries((await badges.current())!)).toEqual({ [String(old1)]: 1, [String(old2)]: 1, [String(fresh)]: 1 });
  });

  it('shows each write on the next page, from memory and from the database on both engines', async () => {
    const [a, b, c] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    const page = [a, b, c].map(String);
    const badges = badgeIndex();
    await badges.build();
    const fromMemory = async () => new Map([...(await badges.current())!].filter(([id]) => page.includes(id)));
    const fromDatabase = async (engine: 'mongodb' | 'ferretdb') => {
      assumeDatabaseEngine(engine); // the $in query (MongoDB) and the look-ups by _id (FerretDB), both on this server
      try {
        return await openSuggestionCounts(page);
      } finally {
        assumeDatabaseEngine(config.DATABASE_ENGINE);
      }
    };
    const expectEverywhere = async (expected: Map<string, number>) => {
      expect(await fromMemory()).toEqual(expected);
      expect(await fromDatabase('mongodb')).toEqual(expected);
      expect(await fromDatabase('ferretdb')).toEqual(expected);
    };
    await expectEverywhere(new Map());

    await saveSuggestions(a, [{ otherId: String(b), score: 0.97, band: 'likely', reasons: ['same email'] }]);
    await expectEverywhere(new Map([[String(a), 1], [String(b), 1]]));

    // The sweep's bulk write, which also clears b.
    await replaceSuggestions([[String(c), [entry(a)]], [String(a), [entry(b), entry(c)]], [String(b), []]]);
    await expectEverywhere(new Map([[String(a), 2], [String(c), 1]]));

    // "Not a duplicate" and merges go through updateSuggestions.
    await updateSuggestions(a, (old) => old.filter((e) => e.otherId !== String(c)));
    await expectEverywhere(new Map([[String(a), 1], [String(c), 1]]));
  });

  it('restarts from its saved counts and catches up with writes made while it was down', async () => {
    const first = badgeIndex('restart.json');
    await first.start(await databaseInstanceId());
    await first.settled(); // built, and saved
    const [d, e] = [new Types.ObjectId(), new Types.ObjectId()];
    await saveSuggestions(d, [{ otherId: String(e), score: 0.95, band: 'likely', reasons: ['same email'] }]);

    const restarted = badgeIndex('restart.json');
    await restarted.start(await databaseInstanceId());
    expect(restarted.ready).toBe(true); // from the file, no build
    const counts = (await restarted.current())!;
    expect([counts.get(String(d)), counts.get(String(e))]).toEqual([1, 1]);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries((await first.current())!));
  });

  it('builds again when the saved counts belong to another database', async () => {
    const badges = badgeIndex();
    await badges.start('another-database');
    expect(badges.ready).toBe(false);
    await badges.settled();
    expect(badges.ready).toBe(true);
  });
});
