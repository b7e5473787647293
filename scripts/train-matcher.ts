/**
 * Estimates the matching engine's weights (Fellegi-Sunter m and u per
 * comparator level) and writes domain/duplicates/data/default-weights.json.
 *
 *   npm run --silent train-matcher [-- FILE.csv …]   (default: the shared FEBRL sets)
 *
 * m = how often a level occurs between two records of one person (every
 * true pair of the training files), u = how often it occurs between two
 * different people (random pairs). Comparators the files lack keep the
 * priors of domain/duplicates/prior-weights.ts.
 */
import { writeFileSync } from 'node:fs';
import { COMPARATOR_LEVELS, COMPARATORS, type Comparator } from '../domain/duplicates/compare-fields';
import { rowToMatchInput } from '../domain/duplicates/dedupe-rows';
import type { PreparedRecord } from '../domain/duplicates/match-record';
import type { LevelWeights, MatchWeights } from '../domain/duplicates/match-weights';
import { prepareRecord } from '../domain/duplicates/prepare-record';
import { PRIOR_LEVELS } from '../domain/duplicates/prior-weights';
import { compareRecords, type ScoringContext } from '../domain/duplicates/score-pair';
import { defaultMatcher } from '../activities/duplicates/default-matcher';
import { readFebrl, SHARED_FEBRL_SETS } from './bench/febrl';

const files = process.argv.slice(2).length ? process.argv.slice(2) : SHARED_FEBRL_SETS;
const OUT = new URL('../domain/duplicates/data/default-weights.json', import.meta.url);

type Counts = Record<Comparator, Record<string, number>>;
const emptyCounts = (): Counts => Object.fromEntries(COMPARATORS.map((c) => [c, Object.fromEntries(COMPARATOR_LEVELS[c].map((l) => [l, 0]))])) as Counts;

// A fixed-seed generator so that training is reproducible.
let seed = 20261125;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function count(ctx: ScoringContext, pairs: Array<[PreparedRecord, PreparedRecord]>, into: Counts) {
  for (const [a, b] of pairs) {
    const { findings } = compareRecords(a, b, ctx);
    for (const c of COMPARATORS) {
      const f = findings[c];
      if (f) into[c][f.level] = (into[c][f.level] ?? 0) + 1;
    }
  }
}

function train(ctx: ScoringContext): MatchWeights {
  const m = emptyCounts();
  const u = emptyCounts();
  for (const file of files) {
    const rows = readFebrl(file);
    const records = rows.map((r) => prepareRecord(rowToMatchInput(r.row), { defaultRegion: 'AU' }));
    const byEntity = new Map<string, number[]>();
    rows.forEach((r, i) => (byEntity.get(r.entity) ?? byEntity.set(r.entity, []).get(r.entity)!).push(i));
    const truePairs: Array<[PreparedRecord, PreparedRecord]> = [];
    for (const members of byEntity.values()) for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) truePairs.push([records[members[x]!]!, records[members[y]!]!]);
    const randomPairs: Array<[PreparedRecord, PreparedRecord]> = [];
    while (randomPairs.length < 200_000) {
      const a = Math.floor(random() * rows.length);
      const b = Math.floor(random() * rows.length);
      if (rows[a]!.entity !== rows[b]!.entity) randomPairs.push([records[a]!, records[b]!]);
    }
    count(ctx, truePairs, m);
    count(ctx, randomPairs, u);
  }
  const levels = {} as MatchWeights['levels'];
  const provenance: Record<string, string> = {};
  for (const c of COMPARATORS) {
    const mTotal = Object.values(m[c]).reduce((s, n) => s + n, 0);
    const uTotal = Object.values(u[c]).reduce((s, n) => s + n, 0);
    if (mTotal < 50 && PRIOR_LEVELS[c]) {
      levels[c] = PRIOR_LEVELS[c]!;
      provenance[c] = 'prior (domain/duplicates/prior-weights.ts): not in the training files';
      continue;
    }
    const L = COMPARATOR_LEVELS[c].length;
    // Add-half smoothing: a level never seen still gets a small, finite weight.
    // u is floored: in real contact lists two different people do share a
    // birthday, a street or a household phone far more often than in
    // synthetic training files, so no single agreement may count for more
    // than log2(1 / U_FLOOR) ≈ 13 bits.
    levels[c] = Object.fromEntries(
      COMPARATOR_LEVELS[c].map((l): [string, LevelWeights] => [
        l,
        { m: round((m[c][l]! + 0.5) / (mTotal + 0.5 * L)), u: round(Math.max(U_FLOOR, (u[c][l]! + 0.5) / (uTotal + 0.5 * L))) },
      ]),
    );
    provenance[c] = `estimated from ${mTotal} true pairs and ${uTotal} random pairs`;
  }
  return { ...ctx.weights, levels, provenance: { files: files.map((f) => f.split('/').pop()).join(', '), ...provenance } };
}

const U_FLOOR = 1e-4;
const round = (x: number) => Number(x.toPrecision(4));

let ctx = defaultMatcher();
// Twice: which way round two names compare (straight or swapped) depends on the weights.
for (let pass = 0; pass < 2; pass++) ctx = { ...ctx, weights: train(ctx) };
writeFileSync(OUT, `${JSON.stringify(ctx.weights, null, 2)}\n`);
for (const c of COMPARATORS) {
  console.log(c.padEnd(12), Object.entries(ctx.weights.levels[c]).map(([l, w]) => `${l} ${Math.log2(w.m / w.u).toFixed(1)}`).join('  '));
}
