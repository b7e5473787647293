import { blockingKeys } from '../duplicates/blocking-keys';
import { MAX_BLOCK } from '../duplicates/sweep/sweep-blocks';
import type { MatchInput, PreparedRecord } from '../duplicates/match-record';
import { prepareRecord, type PrepareOptions } from '../duplicates/prepare-record';
import { pairWeight, scorePair, type PairScore, type ScoringContext } from '../duplicates/score-pair';

export type ImportMatch = { id: string; score: PairScore };

/**
 * An exact, in-memory index of the records one import batch is compared
 * with: the candidates the compact index proposed (read from the database),
 * the previous batch's contacts and this batch's rows as they become
 * contacts. Records are filed under the dedupe sweep's blocking keys, so an
 * import finds the duplicates the sweep would. (Small files and tests use it
 * alone.)
 */
export class ImportMatchIndex {
  private readonly records: PreparedRecord[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly blocks = new Map<string, number[]>();

  constructor(private readonly ctx: ScoringContext, private readonly prepare: PrepareOptions) {}

  get size(): number {
    return this.slotOf.size;
  }

  prepareInput(input: MatchInput): PreparedRecord {
    return prepareRecord(input, this.prepare);
  }

  /**
   * Files a record; a record with the same id replaces the old one (an
   * updated contact): it leaves the blocks of keys it no longer has and
   * joins only new ones, so the index is exactly what filing the current
   * records afresh would give. A resumed import rebuilds it from the
   * database and must decide as the uninterrupted one did.
   */
  add(record: PreparedRecord): void {
    const old = this.slotOf.get(record.id);
    const slot = old ?? this.records.length;
    const oldKeys = old === undefined ? new Set<string>() : new Set(blockingKeys(this.records[old]!));
    if (old === undefined) this.records.push(record);
    else this.records[slot] = record;
    this.slotOf.set(record.id, slot);
    const keys = new Set(blockingKeys(record));
    for (const key of oldKeys) {
      if (keys.has(key)) continue;
      const list = this.blocks.get(key);
      const at = list?.indexOf(slot) ?? -1;
      if (at >= 0) list!.splice(at, 1);
    }
    for (const key of keys) {
      if (oldKeys.has(key)) continue;
      const list = this.blocks.get(key);
      if (!list) this.blocks.set(key, [slot]);
      else list.push(slot);
    }
  }

  /**
   * The likeliest duplicate of a record, when it scores in the "likely"
   * band; undefined otherwise. Only candidates that share a phone or an
   * email, or at least two blocking keys, are scored: a duplicate shares
   * several keys (name, birth date, address, contact details), while most
   * records in a block share only the one key, a birth date or a surname,
   * and could never reach "likely". This keeps an import's matching cost
   * flat as the database grows.
   */
  bestMatch(record: PreparedRecord): ImportMatch | undefined {
    const shared = new Map<number, number>();
    for (const key of blockingKeys(record)) {
      const list = this.blocks.get(key);
      if (!list || list.length > MAX_BLOCK) continue; // the sweep's cap: a key this common says too little
      const strong = key.startsWith('p:') || key.startsWith('e:');
      for (const slot of list) shared.set(slot, (shared.get(slot) ?? 0) + (strong ? 2 : 1));
    }
    let best: { slot: number; weight: number } | undefined;
    for (const [slot, keys] of shared) {
      if (keys < 2) continue;
      const weight = pairWeight(record, this.records[slot]!, this.ctx);
      // Ties go to the smaller id, so the choice does not depend on the order records were filed (a resumed import refiles them).
      if (!best || weight > best.weight || (weight === best.weight && this.records[slot]!.id < this.records[best.slot]!.id)) best = { slot, weight };
    }
    if (!best) return undefined;
    const score = scorePair(record, this.records[best.slot]!, this.ctx);
    return score.band === 'likely' ? { id: this.records[best.slot]!.id, score } : undefined;
  }
}
