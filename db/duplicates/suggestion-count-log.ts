import mongoose from 'mongoose';
import { packCounts, unpackCounts } from '../../domain/duplicates/packed-counts';
import { SequencedLog } from '../change-log/sequenced-log';
import { estimatedCount } from '../estimated-count';
import { duplicateSuggestionsCollection, suggestionCountChangeCollection, type SuggestionCountChangeDoc } from '../models/index';

const log = new SequencedLog<SuggestionCountChangeDoc>('duplicate-suggestion-counts', suggestionCountChangeCollection);
// Pairs per entry: a sweep's write of 250,000 suggestions is a dozen entries of about 600 KB, far below the 16 MB document limit.
const PAIRS_PER_ENTRY = 20_000;

/**
 * Records how many open suggestions these contacts have now; every write to
 * duplicate_suggestions calls it after writing. The entry carries the counts
 * themselves, so the contacts list's index applies a sweep's quarter of a
 * million badges without reading one suggestion. (Two writers racing on the
 * same contact can log their counts in the other order; the next write to
 * that contact puts its badge right, and its profile always reads the truth.)
 */
export async function recordSuggestionCounts(counts: readonly [contactId: string, count: number][]): Promise<void> {
  if (!counts.length) return;
  // The first entry says whether suggestions from before the log exist, so a reader knows the log alone is not enough.
  const olderSuggestions = (await log.current()).seq === 0 && (await estimatedCount('duplicate_suggestions')) > new Set(counts.map(([id]) => id)).size;
  for (let i = 0; i < counts.length; i += PAIRS_PER_ENTRY) {
    const packedCounts = packCounts(counts.slice(i, i + PAIRS_PER_ENTRY));
    await log.append({ packedCounts, ...(olderSuggestions && i === 0 ? { olderSuggestions } : {}) });
  }
}

export type SuggestionCountBatch = {
  upTo: number;
  /** Each contact's count after the last entry of the batch that named it (0: no badge). */
  counts: Map<string, number>;
  /** The batch holds entry 1 and it says the collection had suggestions the log never saw. */
  olderSuggestions: boolean;
};

/** The counts recorded after entry `since`, up to `maxEntries` entries. */
export async function readSuggestionCountsSince(since: number, maxEntries = 200): Promise<SuggestionCountBatch> {
  const { upTo, entries } = await log.readSince(since, maxEntries);
  const counts = new Map<string, number>();
  let olderSuggestions = false;
  for (const entry of entries) {
    if (entry.olderSuggestions && entry._id === log.keyOf(1)) olderSuggestions = true;
    unpackCounts(entry.packedCounts, counts);
  }
  return { upTo, counts, olderSuggestions };
}

/** The number of the last entry recorded (0 before any). */
export async function currentSuggestionCountSeq(): Promise<number> {
  return (await log.current()).seq;
}

/** Every contact's open-suggestion count, read from the suggestions themselves (a database older than the log). */
export async function scanSuggestionCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (const doc of duplicateSuggestionsCollection.find({}, { projection: { entries: 1 } })) {
    const n = Array.isArray(doc.entries) ? doc.entries.length : 0;
    if (n) counts.set(String(doc._id), n);
  }
  return counts;
}

/**
 * The suggestions' version in the connected database: counts read under one
 * version stay true until it moves. With the time of the last write, so a
 * database dropped and written again does not repeat an old version.
 */
export async function suggestionsVersion(): Promise<string> {
  const { seq, at } = await log.current();
  return `${mongoose.connection.db!.databaseName}:${seq}:${at?.getTime() ?? ''}`;
}
