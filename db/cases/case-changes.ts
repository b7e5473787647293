import type { Types } from 'mongoose';
import type { CaseListRow } from '../../domain/cases/case-list-row';
import { SequencedLog } from '../change-log/sequenced-log';
import { caseChangeCollection, onCaseSaved, type CaseChangeDoc } from '../models/index';

const log = new SequencedLog<CaseChangeDoc>('case-changes', caseChangeCollection);
// Ids (and carried rows) per entry: a seed batch of 500 cases is one entry.
const IDS_PER_ENTRY = 2_000;

/** Records that these cases changed; call after the write. `listRows`: the new rows when the writer has them (the seed). */
export async function recordCaseChanges(ids: readonly Types.ObjectId[], listRows?: readonly CaseListRow[]): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_ENTRY) {
    const rows = listRows?.slice(i, i + IDS_PER_ENTRY);
    await log.append({ packedIds: ids.slice(i, i + IDS_PER_ENTRY).map(String).join(','), ...(rows?.length ? { listRows: JSON.stringify(rows) } : {}) });
  }
}
onCaseSaved((ids) => recordCaseChanges(ids));

export type CaseChangeBatch = {
  upTo: number;
  /** Every case the batch names, each once. */
  ids: string[];
  /** Rows carried for cases no later entry of the batch changed again. */
  listRows: Map<string, CaseListRow>;
};

/** The changes after entry `since`, up to `maxEntries` entries. */
export async function readCaseChangesSince(since: number, maxEntries = 200): Promise<CaseChangeBatch> {
  const { upTo, entries } = await log.readSince(since, maxEntries);
  const ids = new Set<string>();
  const listRows = new Map<string, CaseListRow>();
  for (const entry of entries) {
    const entryIds = entry.packedIds.split(',').filter(Boolean);
    for (const id of entryIds) {
      ids.add(id);
      listRows.delete(id); // only the last word on a case counts
    }
    if (entry.listRows) for (const row of JSON.parse(entry.listRows) as CaseListRow[]) listRows.set(row.id, row);
  }
  return { upTo, ids: [...ids], listRows };
}

export async function currentCaseChangeSeq(): Promise<number> {
  return (await log.current()).seq;
}

