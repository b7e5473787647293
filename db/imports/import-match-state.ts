import { Types } from 'mongoose';
import { CompactMatchIndex } from '../../domain/import/compact-match-index';
import type { MatchInput } from '../../domain/matching/match-record';
import { prepareRecord, type PrepareOptions } from '../../domain/matching/prepare-record';
import { currentChangeSeq, readContactChangesSince } from '../contact-changes';
import { contactMatchInput } from '../duplicates/contact-match-input';
import { streamMatchInputs } from '../duplicates/match-record-store';
import { Contact } from '../models/index';
import { collectGarbageAbove, IMPORT_HEAP_CEILING } from '../../lib/memory/collect-garbage';

/**
 * What an import pass matches its rows against, kept across its segments
 * in this process: every live contact in a compact index (candidates only;
 * their records are read when needed), the last batch's new and changed
 * contacts (which may not be written yet when the next batch is planned),
 * and for a dry run the contacts it only pretended to create.
 */
export type ImportMatchState = {
  key: string;
  index: CompactMatchIndex;
  seq: number;
  /** The previous batch's created and changed contacts, by id. */
  recent: Map<string, never>;
  /** Dry run only: every simulated new contact's matching fields (JSON), by id. */
  simulated: Map<string, string>;
  /** Dry run only: existing contacts as the run would have changed them, by id. */
  simulatedChanges: Map<string, never>;
};

let cached: ImportMatchState | undefined;

/**
 * The match state for an import pass, built once per process and brought
 * up to date from the contact change log (other people's edits) at the
 * start of each later segment. `fresh` rebuilds it from the database, which
 * holds exactly what was applied (a retried segment after a crash).
 */
export async function importMatchState(o: { key: string; fresh: boolean; prepare: PrepareOptions; ownSource: string; onProgress: (read: number) => Promise<void> }): Promise<ImportMatchState> {
  if (!o.fresh && cached?.key === o.key) {
    cached.seq = await catchUp(cached, o.prepare, o.ownSource);
    return cached;
  }
  cached = undefined; // free the previous pass's index before building the next
  const { seq } = await currentChangeSeq();
  const index = new CompactMatchIndex();
  await streamMatchInputs((chunk: MatchInput[]) => {
    for (const input of chunk) index.add(prepareRecord(input, o.prepare));
    collectGarbageAbove(IMPORT_HEAP_CEILING); // reading a million records leaves a million records' garbage
  }, o.onProgress);
  const state: ImportMatchState = { key: o.key, index, seq, recent: new Map<string, never>(), simulated: new Map<string, string>(), simulatedChanges: new Map<string, never>() };
  cached = state;
  return state;
}

export function forgetImportMatchState(key: string): void {
  if (cached?.key === key) cached = undefined;
}

async function catchUp(state: ImportMatchState, prepare: PrepareOptions, ownSource: string): Promise<number> {
  let seq = state.seq;
  for (;;) {
    const batch = await readContactChangesSince(seq, 500, { skipSource: ownSource });
    for (const id of new Set(batch.ids.map(String))) {
      const doc = await Contact.collection.findOne({ _id: new Types.ObjectId(id) });
      if (doc && !doc.mergedInto) state.index.add(prepareRecord(contactMatchInput(doc as never), prepare));
    }
    if (batch.upTo === seq) return seq;
    seq = batch.upTo;
  }
}
