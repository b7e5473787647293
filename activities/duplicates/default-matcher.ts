import { readFileSync } from 'node:fs';
import { appFile } from '../../config/app-files';
import defaultWeights from '../../domain/duplicates/data/default-weights.json' with { type: 'json' };
import type { MatchWeights } from '../../domain/duplicates/match-weights';
import { parseNicknameTable } from '../../domain/duplicates/nickname-table';
import type { ScoringContext } from '../../domain/duplicates/score-pair';

let cached: ScoringContext | undefined;

/**
 * The matching engine's data, loaded once per process: the nickname table
 * shipped in domain/duplicates/data and the default weights estimated by
 * scripts/train-matcher.ts. The dashboard, the import and the dedupe CLI
 * all use this, so they agree on what a duplicate is.
 */
export function defaultMatcher(): ScoringContext {
  cached ??= {
    weights: defaultWeights as MatchWeights,
    nicknames: parseNicknameTable(readFileSync(appFile('domain', 'duplicates', 'data', 'nicknames.csv'), 'utf8')),
  };
  return cached;
}
