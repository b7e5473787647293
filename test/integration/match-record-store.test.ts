import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordContactChanges } from '../../db/contacts/contact-changes';
import { streamMatchInputs } from '../../db/duplicates/match-record-store';
import { Contact } from '../../db/models/index';
import { insertExistingContacts, personDocument } from '../../scripts/fixtures/import-fixture';
import { openTestEnv, type TestEnv } from '../support/test-env';

// The packed match records are read by an import and a sweep's workers at once (found by the load-fault bench,
// issue #15 part 4): two first builds at the same time deleted each other's chunks, and a reader took a missing chunk
// for an empty one, so a sweep read 12,925 of 20,000 contacts. Every reader must see every live contact, every time.
describe('packed match records read side by side', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv('match_record_store');
    await insertExistingContacts(3_000);
  });
  afterAll(() => env?.close());

  async function readAll(): Promise<string[]> {
    const ids: string[] = [];
    await streamMatchInputs((chunk) => ids.push(...chunk.map((r) => r.id)), async () => undefined);
    return ids;
  }
  const distinct = (ids: string[]) => new Set(ids).size;

  it('gives three readers that build the store at once every contact, and the store keeps them all', async () => {
    const reads = await Promise.all([readAll(), readAll(), readAll()]);
    for (const ids of reads) {
      expect(ids).toHaveLength(3_000);
      expect(distinct(ids)).toBe(3_000);
    }
    expect(distinct(await readAll())).toBe(3_000);
  });

  it('gives readers that bring it up to date at once the new contacts too, with none twice', async () => {
    const docs = Array.from({ length: 1_500 }, (_, k) => personDocument(k, 3));
    await Contact.collection.insertMany(docs, { ordered: false, ignoreUndefined: true });
    await recordContactChanges(docs.map((d) => d._id), 'import:test');
    const reads = await Promise.all([readAll(), readAll(), readAll()]);
    for (const ids of reads) {
      expect(ids).toHaveLength(4_500);
      expect(distinct(ids)).toBe(4_500);
    }
    const after = await readAll();
    expect(after).toHaveLength(4_500);
  });
});
