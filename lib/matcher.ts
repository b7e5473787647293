import { readFileSync } from 'node:fs';
import defaultWeights from '../domain/matching/data/default-weights.json' with { type: 'json' };
import type { MatchWeights } from '../domain/matching/match-weights';
import { parseNicknameTable } from '../domain/matching/nickname-table';
import type { ScoringContext } from '../domain/matching/score-pair';

let cached: ScoringContext | undefined;

/**
 * The matching engine's data, loaded once per process: the nickname table
 * shipped in domain/matching/data and the default weights estimated by
 * scripts/train-matcher.ts. The dashboard, the import and the dedupe CLI
 * all use this, so they agree on what a duplicate is.
 */
export function defaultMatcher(): ScoringContext {
  cached ??= {
    weights: defaultWeights as MatchWeights,
    nicknames: parseNicknameTable(readFileSync(new URL('../domain/matching/data/nicknames.csv', import.meta.url), 'utf8')),
  };
  return cached;
}
