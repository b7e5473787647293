import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompactMatchIndex } from '../../domain/imports/compact-match-index';
import { prepareRecord } from '../../domain/duplicates/prepare-record';
import { loadMatchIndexSnapshot, MATCH_INDEX_SNAPSHOT_VERSION, saveMatchIndexSnapshot } from './match-index-snapshot';

const prep = (n: number, o: Record<string, unknown>) => prepareRecord({ id: n.toString(16).padStart(24, '0'), ...o }, { defaultRegion: 'US' });
const header = { version: MATCH_INDEX_SNAPSHOT_VERSION, databaseId: 'db-1', prepare: '{"defaultRegion":"US"}', seq: 42 };
const surnames = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski'];

function sampleIndex(): CompactMatchIndex {
  const index = new CompactMatchIndex();
  // More pairs than the key index's tail holds, so both its sorted part and its tail are saved.
  for (let i = 0; i < 30_000; i++) {
    index.add(prep(i + 1, { firstName: `Name${i % 700}`, lastName: surnames[i % 5], phones: [`+1415555${String(i % 10_000).padStart(4, '0')}`], dateOfBirth: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, postcode: String(10_000 + (i % 300)) }));
  }
  return index;
}

describe('import match index snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-match-index-'));
  const probes = [
    prep(999_999, { firstName: 'Name5', lastName: 'Smith', phones: ['(415) 555-0005'] }),
    prep(999_998, { firstName: 'Name12', lastName: 'Nguyen', dateOfBirth: '1962-04-12', postcode: '10012' }),
  ];

  it('loads into an index that proposes exactly the same candidates, and keeps growing', async () => {
    const original = sampleIndex();
    const path = join(dir, 'a.bin');
    await saveMatchIndexSnapshot(path, header, original);
    const loaded = await loadMatchIndexSnapshot(path, (h) => h.databaseId === 'db-1');
    expect(loaded!.header).toMatchObject({ ...header, count: 30_000 });
    for (const p of probes) expect(loaded!.index.candidateIds(p).sort()).toEqual(original.candidateIds(p).sort());
    expect(loaded!.index.candidateIds(probes[0]!).length).toBeGreaterThan(0);
    // Contacts created after the snapshot are filed on top of it.
    loaded!.index.add(prep(777_777, { firstName: 'Zed', lastName: 'Quill', emails: ['zed@example.com'] }));
    expect(loaded!.index.candidateIds(prep(1, { firstName: 'Z', lastName: 'Q', emails: ['ZED@example.com'] }))).toEqual([(777_777).toString(16).padStart(24, '0')]);
  });

  it('refuses a snapshot of another database, a truncated one and a file that is not one', async () => {
    const path = join(dir, 'b.bin');
    await saveMatchIndexSnapshot(path, header, sampleIndex());
    expect(await loadMatchIndexSnapshot(path, (h) => h.databaseId === 'db-2')).toBeUndefined();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect(await loadMatchIndexSnapshot(path, () => true)).toBeUndefined();
    writeFileSync(path, 'firstName,lastName\nAda,Lovelace\n');
    expect(await loadMatchIndexSnapshot(path, () => true)).toBeUndefined();
    expect(await loadMatchIndexSnapshot(join(dir, 'missing.bin'), () => true)).toBeUndefined();
  });
});
