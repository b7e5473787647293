import { Types } from 'mongoose';
import { ImportMatchIndex } from '../../domain/import/import-match-index';
import type { PrepareOptions } from '../../domain/matching/prepare-record';
import { defaultMatcher } from '../../lib/matcher';
import { currentChangeSeq, readContactChangesSince } from '../contact-changes';
import { contactMatchInput } from '../duplicates/contact-match-input';
import { loadMatchInputs } from '../duplicates/match-record-store';
import { Contact } from '../models/index';

type Cached = { key: string; index: ImportMatchIndex; seq: number };
// One import's index per worker process: building it means reading every
// contact's matching fields, so later segments of the same import reuse it.
let cached: Cached | undefined;

/**
 * The match index for an import pass: every live contact, kept across the
 * pass's segments in this process and brought up to date from the contact
 * change log (other people's edits) at the start of each. `fresh` discards
 * it (a retried segment after a failure rebuilds from the database, which
 * holds exactly what was applied).
 */
export async function importMatchIndex(o: { key: string; fresh: boolean; prepare: PrepareOptions; ownSource: string; onProgress: (read: number) => Promise<void> }): Promise<ImportMatchIndex> {
  if (!o.fresh && cached?.key === o.key) {
    cached.seq = await catchUp(cached, o.ownSource);
    return cached.index;
  }
  cached = undefined; // free the previous import's index before building the next
  const { seq } = await currentChangeSeq();
  const index = new ImportMatchIndex(defaultMatcher(), o.prepare);
  const { inputs } = await loadMatchInputs(o.onProgress);
  for (const input of inputs) index.add(index.prepareInput(input));
  cached = { key: o.key, index, seq };
  return index;
}

export function forgetImportMatchIndex(key: string): void {
  if (cached?.key === key) cached = undefined;
}

async function catchUp(c: Cached, ownSource: string): Promise<number> {
  let seq = c.seq;
  for (;;) {
    const batch = await readContactChangesSince(seq, 500, { skipSource: ownSource });
    for (const id of new Set(batch.ids.map(String))) {
      const doc = await Contact.collection.findOne({ _id: new Types.ObjectId(id) });
      if (doc && !doc.mergedInto) c.index.add(c.index.prepareInput(contactMatchInput(doc as never)));
    }
    if (batch.upTo === seq) return seq;
    seq = batch.upTo;
  }
}
