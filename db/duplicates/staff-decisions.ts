import { DuplicateGroup } from '../models/index';
import type { Decision } from '../../domain/duplicates/score-calibration';

/** The groups staff settled by merging or by "Not a duplicate" (not skipped, not merged by the sweep itself), as score and outcome. */
export async function staffDecisions(): Promise<Decision[]> {
  const out: Decision[] = [];
  for (const status of ['merged', 'dismissed'] as const) {
    const cursor = DuplicateGroup.find({ status }, { score: 1, autoMergeId: 1 }).lean().cursor({ batchSize: 2000 });
    for await (const g of cursor) if (!g.autoMergeId && typeof g.score === 'number') out.push({ score: g.score, merged: status === 'merged' });
  }
  return out;
}
